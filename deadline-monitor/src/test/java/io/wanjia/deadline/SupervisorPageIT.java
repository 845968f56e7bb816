package io.wanjia.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.wanjia.commons.testing.HeadlessBrowser;
import io.wanjia.commons.testing.Tokens;

/**
 * The supervisors' page in a real headless browser keeps its token in the page's memory only: never read from the
 * address, never stored (#15, item 4).
 */
@QuarkusTest
class SupervisorPageIT {

    @Test
    void shouldUseOnlyATokenPastedIntoThePageAndKeepItNowhere() throws Exception {
        String token = Tokens.of("supervisor", "2101");
        String page = "http://127.0.0.1:" + ConfigProvider.getConfig().getValue("quarkus.http.port", Integer.class) + "/";

        try (HeadlessBrowser browser = HeadlessBrowser.start()) {
            browser.open(page + "#token=" + token);
            assertThat(browser.evaluate("location.href").asText()).isEqualTo(page);
            assertThat(browser.evaluate("document.getElementById('token').value").asText()).isEmpty();
            assertThat(browser.evaluate("document.getElementById('status').textContent").asText()).as("nothing loaded").isEmpty();

            browser.evaluate("document.getElementById('token').value = '" + token + "'; document.getElementById('load').click(); true");
            await().atMost(Duration.ofSeconds(30)).until(() -> browser.evaluate("document.getElementById('status').textContent")
                    .asText().matches("\\d+ open"));

            assertThat(browser.evaluate("JSON.stringify(localStorage) + JSON.stringify(sessionStorage) + document.cookie + location.href")
                    .asText()).doesNotContain(token).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
            browser.open(page);
            assertThat(browser.evaluate("document.getElementById('token').value").asText()).as("gone with the page").isEmpty();
        }
    }
}
