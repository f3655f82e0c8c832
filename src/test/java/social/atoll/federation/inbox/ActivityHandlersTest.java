package social.atoll.federation.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ActivityHandlersTest {

    private final ActivityHandler any = a -> {};
    private final ActivityHandler person = a -> {};

    @Test
    void aHandlerForTheObjectTypeWinsOverTheOneForAnyObject() {
        ActivityHandlers h = new ActivityHandlers().on("Update", any).on("Update", "Person", person);
        assertThat(h.find("Update", "Person")).containsSame(person);
        assertThat(h.find("Update", "Note")).containsSame(any);
        assertThat(h.find("Update", null)).containsSame(any);
    }

    @Test
    void unknownTypesHaveNoHandler() {
        ActivityHandlers h = new ActivityHandlers().on("Like", any);
        assertThat(h.find("Listen", null)).isEmpty();
        assertThat(h.find(null, null)).isEmpty();
    }

    @Test
    void registeringTwiceIsAMistake() {
        ActivityHandlers h = new ActivityHandlers().on("Like", any);
        assertThatThrownBy(() -> h.on("Like", any)).isInstanceOf(IllegalStateException.class);
    }
}
