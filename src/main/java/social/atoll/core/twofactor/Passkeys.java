package social.atoll.core.twofactor;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.exception.VerificationException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import social.atoll.config.Settings;
import social.atoll.core.account.Account;
import social.atoll.core.account.User;
import social.atoll.core.common.ValidationException;
import social.atoll.infra.ids.IdGenerator;

/**
 * Passkeys (WebAuthn, checked by webauthn4j): registered from settings while two-factor is on, then usable as the
 * second step of a sign-in or, being discoverable credentials, to sign in without a password. Every ceremony
 * starts with a random challenge stored on the server and taken out again by the answer, so an answer counts once.
 * The relying party is this server's host name; the only origin accepted is its base URL.
 */
public final class Passkeys {

    /** What a challenge is for. */
    public enum Purpose {
        REGISTER("register"), SECOND_FACTOR("second_factor"), PASSWORDLESS("passwordless");

        final String id;

        Purpose(String id) { this.id = id; }
    }

    /**
     * What the browser's {@code navigator.credentials} call needs, base64url where WebAuthn wants bytes. For a
     * registration {@code userId}/{@code userName} are set and {@code credentialIds} are the ones to exclude; for
     * a sign-in they are the ones allowed (none for a passwordless sign-in, where the browser offers its passkeys).
     */
    public record Options(String challenge, String rpId, String rpName, String userId, String userName, String userDisplayName,
                          List<String> credentialIds, long timeoutMillis) {}

    static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(5);
    private static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.EdDSA),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder UNB64 = Base64.getUrlDecoder();

    private final Settings settings;
    private final TwoFactorStore store;
    private final TwoFactorService twoFactor;
    private final IdGenerator ids;
    private final Clock clock;
    private final WebAuthnManager webAuthn = WebAuthnManager.createNonStrictWebAuthnManager();
    private final AttestedCredentialDataConverter credentialData = new AttestedCredentialDataConverter(new ObjectConverter());
    private final String rpId;
    private final Origin origin;

    public Passkeys(Settings settings, TwoFactorStore store, TwoFactorService twoFactor, IdGenerator ids, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.twoFactor = twoFactor;
        this.ids = ids;
        this.clock = clock;
        this.rpId = URI.create(settings.baseUrl()).getHost();
        this.origin = Origin.create(settings.baseUrl());
    }

    /**
     * Options for registering a new passkey for this user (a discoverable credential, so it can later sign in
     * without a password).
     *
     * @throws ValidationException while two-factor is off
     */
    public Options registrationOptions(User user, Account account) {
        if (!twoFactor.required(user.id())) throw invalid("Turn on two-factor authentication before adding a passkey");
        String challenge = newChallenge(user.id(), Purpose.REGISTER);
        List<String> existing = store.passkeys(user.id()).stream().map(TwoFactorStore.Passkey::credentialId).toList();
        String name = account.username() + "@" + settings.domain();
        return new Options(challenge, rpId, settings.domain(), handle(user.id()), name,
                account.displayName() == null || account.displayName().isBlank() ? account.username() : account.displayName(), existing,
                CHALLENGE_LIFETIME.toMillis());
    }

    /**
     * Checks the browser's answer to {@link #registrationOptions} ({@code PublicKeyCredential} as JSON) and stores
     * the passkey under {@code name}.
     *
     * @throws ValidationException when the name is missing or the answer does not check out
     */
    public TwoFactorStore.Passkey register(User user, String name, String responseJson) {
        String label = name == null ? "" : name.strip();
        if (label.isEmpty() || label.length() > 64) throw new ValidationException("Give the passkey a name (up to 64 characters)",
                Map.of("name", List.of(new ValidationException.FieldError("ERR_INVALID", "is invalid"))));
        if (!twoFactor.required(user.id())) throw invalid("Turn on two-factor authentication before adding a passkey");
        RegistrationData data;
        try {
            data = webAuthn.parseRegistrationResponseJSON(responseJson);
        } catch (RuntimeException e) {
            throw invalid("The browser's answer could not be read");
        }
        byte[] challenge = data.getCollectedClientData() == null ? null : data.getCollectedClientData().getChallenge().getValue();
        if (challenge == null) throw invalid("The browser's answer could not be read");
        Instant now = clock.instant();
        Optional<TwoFactorStore.Challenge> taken = store.takeChallenge(B64.encodeToString(challenge), Purpose.REGISTER.id, now);
        if (taken.isEmpty() || !Long.valueOf(user.id()).equals(taken.get().userId())) throw invalid("This passkey request has expired; try again");
        try {
            webAuthn.verify(data, new RegistrationParameters(new ServerProperty(origin, rpId, new DefaultChallenge(challenge)), ALGORITHMS, false, true));
        } catch (VerificationException e) {
            throw invalid("The passkey could not be verified");
        }
        AttestedCredentialData attested = data.getAttestationObject().getAuthenticatorData().getAttestedCredentialData();
        String credentialId = B64.encodeToString(attested.getCredentialId());
        if (store.passkey(credentialId).isPresent()) throw invalid("This passkey is already registered");
        String transports = data.getTransports() == null ? null
                : data.getTransports().stream().map(AuthenticatorTransport::getValue).collect(Collectors.joining(","));
        TwoFactorStore.Passkey p = new TwoFactorStore.Passkey(ids.next(), user.id(), credentialId, label,
                B64.encodeToString(credentialData.convert(attested)), data.getAttestationObject().getAuthenticatorData().getSignCount(),
                transports, now, null);
        store.addPasskey(p);
        return p;
    }

    /** Options for using one of this user's passkeys as the second step of a sign-in; empty when they have none. */
    public Optional<Options> secondFactorOptions(long userId) {
        List<String> allowed = store.passkeys(userId).stream().map(TwoFactorStore.Passkey::credentialId).toList();
        if (allowed.isEmpty()) return Optional.empty();
        return Optional.of(new Options(newChallenge(userId, Purpose.SECOND_FACTOR), rpId, settings.domain(), null, null, null, allowed,
                CHALLENGE_LIFETIME.toMillis()));
    }

    /** Options for a sign-in without password: no user yet, the browser offers whichever passkey it holds for this site. */
    public Options passwordlessOptions() {
        return new Options(newChallenge(null, Purpose.PASSWORDLESS), rpId, settings.domain(), null, null, null, List.of(),
                CHALLENGE_LIFETIME.toMillis());
    }

    /** True when the browser's answer proves a passkey of {@code userId} for a second-factor challenge of that user. */
    public boolean verifySecondFactor(long userId, String responseJson) {
        return verifyAssertion(responseJson, Purpose.SECOND_FACTOR, userId).isPresent();
    }

    /**
     * The user a passwordless answer proves: a discoverable passkey whose user handle matches, with user
     * verification (PIN or biometrics) done by the authenticator, since no password was typed.
     */
    public Optional<Long> verifyPasswordless(String responseJson) {
        return verifyAssertion(responseJson, Purpose.PASSWORDLESS, null);
    }

    public boolean remove(long userId, long passkeyId) { return store.deletePasskey(userId, passkeyId); }

    private Optional<Long> verifyAssertion(String responseJson, Purpose purpose, Long expectedUser) {
        if (responseJson == null || responseJson.length() > 64_000) return Optional.empty();
        AuthenticationData data;
        try {
            data = webAuthn.parseAuthenticationResponseJSON(responseJson);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (data.getCollectedClientData() == null || data.getCredentialId() == null) return Optional.empty();
        byte[] challenge = data.getCollectedClientData().getChallenge().getValue();
        Instant now = clock.instant();
        Optional<TwoFactorStore.Challenge> taken = store.takeChallenge(B64.encodeToString(challenge), purpose.id, now);
        if (taken.isEmpty()) return Optional.empty();
        if (expectedUser != null && !expectedUser.equals(taken.get().userId())) return Optional.empty();
        Optional<TwoFactorStore.Passkey> found = store.passkey(B64.encodeToString(data.getCredentialId()));
        if (found.isEmpty()) return Optional.empty();
        TwoFactorStore.Passkey passkey = found.get();
        if (expectedUser != null && passkey.userId() != expectedUser) return Optional.empty();
        boolean passwordless = expectedUser == null;
        if (passwordless && (data.getUserHandle() == null || !Arrays.equals(data.getUserHandle(), handleBytes(passkey.userId()))))
            return Optional.empty();
        Set<AuthenticatorTransport> transports = passkey.transports() == null || passkey.transports().isBlank() ? Set.of()
                : Arrays.stream(passkey.transports().split(",")).map(AuthenticatorTransport::create).collect(Collectors.toCollection(LinkedHashSet::new));
        AttestedCredentialData attested = credentialData.convert(UNB64.decode(passkey.attestedData()));
        CredentialRecordImpl record = new CredentialRecordImpl(new NoneAttestationStatement(), null, null, null, passkey.signCount(), attested,
                null, null, null, transports);
        try {
            webAuthn.verify(data, new AuthenticationParameters(new ServerProperty(origin, rpId, new DefaultChallenge(challenge)), record,
                    List.of(data.getCredentialId()), passwordless, true));
        } catch (VerificationException | DataConversionException e) {
            return Optional.empty();
        }
        store.passkeyUsed(passkey.id(), data.getAuthenticatorData().getSignCount(), now);
        return Optional.of(passkey.userId());
    }

    private String newChallenge(Long userId, Purpose purpose) {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        String challenge = B64.encodeToString(b);
        Instant now = clock.instant();
        store.addChallenge(new TwoFactorStore.Challenge(challenge, userId, purpose.id), now.plus(CHALLENGE_LIFETIME), now);
        return challenge;
    }

    /** The WebAuthn user handle: the user's id, which names no one outside this server. */
    private static byte[] handleBytes(long userId) { return Long.toString(userId).getBytes(StandardCharsets.US_ASCII); }

    private static String handle(long userId) { return B64.encodeToString(handleBytes(userId)); }

    private static ValidationException invalid(String message) { return new ValidationException(message); }
}
