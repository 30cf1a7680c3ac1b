package otplab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SampleTest {

    @Test
    void medianOfAnOddCountIsTheMiddleValueWhateverTheOrder() {
        assertEquals(3.0, Sample.of(5, 1, 3).median());
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertEquals(2.5, Sample.of(4, 1, 3, 2).median());
    }

    @Test
    void p99OfAThousandLatenciesIsTheNineHundredNinetiethSmallest() {
        long[] nanos = new long[1_000];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = nanos.length - i;
        }
        assertEquals(990.0, Sample.ofNanos(nanos).percentile(99));
    }

    @Test
    void scalingMapsEveryValue() {
        Sample micros = Sample.of(1_000, 3_000).scaled(1e-3);
        assertEquals(1.0, micros.min());
        assertEquals(3.0, micros.max());
    }

    @Test
    void anEmptySampleIsRefused() {
        assertThrows(IllegalArgumentException.class, Sample::of);
    }
}
