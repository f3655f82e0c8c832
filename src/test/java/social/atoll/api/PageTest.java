package social.atoll.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import social.atoll.server.ApiException;

class PageTest {

    @Test
    void limitIsTheDefaultWhenAbsentOrZeroAndClampedOtherwise() {
        assertThat(Page.limit(null, 20, 40)).isEqualTo(20);
        assertThat(Page.limit(" ", 20, 40)).isEqualTo(20);
        assertThat(Page.limit("0", 20, 40)).isEqualTo(20);
        assertThat(Page.limit("7", 20, 40)).isEqualTo(7);
        assertThat(Page.limit("-7", 20, 40)).isEqualTo(7);
        assertThat(Page.limit("1000", 20, 40)).isEqualTo(40);
    }

    @Test
    void theSmallestIntAndHugeNumbersCannotLiftTheCap() {
        assertThat(Page.limit(Integer.toString(Integer.MIN_VALUE), 20, 40)).isEqualTo(40);
        assertThat(Page.limit(Long.toString(Long.MIN_VALUE), 20, 40)).isEqualTo(40);
        assertThat(Page.limit("99999999999999", 20, 40)).isEqualTo(40);
    }

    @Test
    void aLimitThatIsNoNumberIsABadRequest() {
        assertThatThrownBy(() -> Page.limit("ten", 20, 40)).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(400));
        assertThatThrownBy(() -> Page.limit("1e3", 20, 40)).isInstanceOf(ApiException.class);
    }
}
