package io.wanjia.reporting.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.TreeMap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The median of days to placement from the counters equals PostgreSQL's percentile_cont(0.5) over the facts. */
class MedianTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = ';', value = {
            "7=1; 7.0",            // one case
            "3=1,9=1; 6.0",        // two: halfway between
            "3=1,9=1,20=1; 9.0",   // three: the middle one
            "5=3,12=1; 5.0",       // 5 5 5 12
            "5=2,12=2; 8.5",       // 5 5 12 12
            "1=1,2=1,3=1,10=5; 10.0",
            "2=4,4=1,6=1,8=4; 5.0" // 2 2 2 2 4 6 8 8 8 8
    })
    void shouldInterpolateLikePercentileCont(String counts, double median) {
        TreeMap<Integer, Long> histogram = new TreeMap<>();
        for (String bucket : counts.split(",")) {
            String[] kv = bucket.split("=");
            histogram.put(Integer.valueOf(kv[0]), Long.valueOf(kv[1]));
        }
        assertThat(Reports.median(histogram)).isEqualTo(median);
    }
}
