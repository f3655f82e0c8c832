package social.atoll.core.interaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import social.atoll.core.common.ValidationException;
import social.atoll.core.interaction.InteractionPolicy.Facts;
import social.atoll.core.interaction.InteractionPolicy.Permission;
import social.atoll.core.interaction.InteractionPolicy.Rules;
import social.atoll.core.interaction.InteractionPolicy.Type;
import social.atoll.core.status.Visibility;

/** GoToSocial's rules of deciding, as its interaction policy document states them. */
class InteractionPolicyTest {

    private static final String SOMEONE = "https://example.org/users/someone";
    private static final Facts STRANGER = new Facts(false, false, false, false, SOMEONE);

    private static InteractionPolicy replies(Rules r) { return new InteractionPolicy(Rules.of("public"), r, Rules.of("public")); }

    @Test
    void theMoreSpecificEntryWins() {
        // someone named in automatic, public in manual: always
        assertThat(replies(new Rules(List.of(SOMEONE), List.of("public"))).decide(Type.REPLY, STRANGER).permission()).isEqualTo(Permission.AUTOMATIC);
        // public automatic, someone named in manual: someone needs approval
        assertThat(replies(new Rules(List.of("public"), List.of(SOMEONE))).decide(Type.REPLY, STRANGER).permission()).isEqualTo(Permission.MANUAL);
        // the same URI in both: the higher permission
        assertThat(replies(new Rules(List.of(SOMEONE), List.of(SOMEONE))).decide(Type.REPLY, STRANGER).permission()).isEqualTo(Permission.AUTOMATIC);
    }

    @Test
    void theAuthorAlwaysMayAndMentionedAccountsMayAlwaysReply() {
        InteractionPolicy closed = new InteractionPolicy(Rules.of("author"), Rules.of("author"), Rules.of("author"));
        assertThat(closed.decide(Type.REBLOG, new Facts(true, false, false, false, SOMEONE)).permission()).isEqualTo(Permission.AUTOMATIC);
        assertThat(closed.decide(Type.REPLY, new Facts(false, false, false, true, SOMEONE)).permission()).isEqualTo(Permission.AUTOMATIC);
        assertThat(closed.decide(Type.FAVOURITE, new Facts(false, false, false, true, SOMEONE)).permission()).isEqualTo(Permission.FORBIDDEN);
        assertThat(closed.decide(Type.REPLY, STRANGER).forbidden()).isTrue();
    }

    @Test
    void aCollectionMatchIsMarkedSoARemoteAuthorConfirmsIt() {
        InteractionPolicy followers = replies(Rules.of("author", "followers"));
        var c = followers.decide(Type.REPLY, new Facts(false, true, false, false, SOMEONE));
        assertThat(c.permission()).isEqualTo(Permission.AUTOMATIC);
        assertThat(c.onCollection()).isTrue();
        assertThat(c.held(true)).isFalse();
        assertThat(c.held(false)).isTrue();
    }

    @Test
    void checkingCompletesAndRefusesAsGoToSocialDoes() {
        InteractionPolicy p = InteractionPolicy.checked(new InteractionPolicy(new Rules(List.of(), List.of()), Rules.of("followers"),
                Rules.of()), Visibility.PRIVATE);
        assertThat(p.canFavourite().automatic()).containsExactly("author");
        assertThat(p.canReply().automatic()).containsExactly("followers", "author", "mentioned");
        assertThatThrownBy(() -> InteractionPolicy.checked(replies(Rules.of("public")), Visibility.PRIVATE))
                .isInstanceOf(ValidationException.class).hasMessageContaining("not feasible");
        assertThatThrownBy(() -> InteractionPolicy.checked(replies(Rules.of("followers")), Visibility.DIRECT))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void presetsReadBackFromTheDefaultsTheyMake() {
        // GoToSocial's own defaults are presets the settings page can show
        assertThat(InteractionPolicy.presetOf(Visibility.PUBLIC, InteractionPolicy.defaultFor(Visibility.PUBLIC), Type.REPLY)).isEqualTo("anyone");
        assertThat(InteractionPolicy.presetOf(Visibility.PRIVATE, InteractionPolicy.defaultFor(Visibility.PRIVATE), Type.FAVOURITE)).isEqualTo("anyone");
        assertThat(InteractionPolicy.presetOf(Visibility.PRIVATE, InteractionPolicy.defaultFor(Visibility.PRIVATE), Type.REBLOG)).isEqualTo("nobody");
        assertThat(InteractionPolicy.presetOf(Visibility.DIRECT, InteractionPolicy.defaultFor(Visibility.DIRECT), Type.REPLY)).isEqualTo("anyone");
        // each preset, saved (checked) as a default, reads back as itself where it differs from the ones before it
        for (Visibility v : List.of(Visibility.PUBLIC, Visibility.UNLISTED, Visibility.PRIVATE)) {
            for (String name : InteractionPolicy.REBLOG_PRESETS) {
                InteractionPolicy saved = InteractionPolicy.checked(
                        InteractionPolicy.preset(v, InteractionPolicy.defaultFor(v), null, name, null), v);
                assertThat(InteractionPolicy.presetOf(v, saved, Type.REBLOG)).isEqualTo(name);
            }
            InteractionPolicy approval = InteractionPolicy.checked(
                    InteractionPolicy.preset(v, InteractionPolicy.defaultFor(v), "approval", null, null), v);
            assertThat(InteractionPolicy.presetOf(v, approval, Type.REPLY)).isEqualTo("approval");
        }
        // a finer rule set through the API is no preset: the page shows "as now" and keeps it
        InteractionPolicy finer = InteractionPolicy.checked(new InteractionPolicy(Rules.of("https://example.test/users/x"),
                Rules.of(InteractionPolicy.PUBLIC), Rules.of(InteractionPolicy.PUBLIC)), Visibility.PUBLIC);
        assertThat(InteractionPolicy.presetOf(Visibility.PUBLIC, finer, Type.FAVOURITE)).isEmpty();
        assertThat(InteractionPolicy.preset(Visibility.PUBLIC, finer, "", "", "")).isEqualTo(finer);
    }
}
