package dev.payafter.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.payafter.TestRules;
import dev.payafter.examples.service.DecisionService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/** The rule-set endpoint, once a host turns it on: read, reload, rollback over real HTTP; health after a reject. */
@SpringBootTest(classes = DecisionService.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"payafter.profile=kuaishou", "payafter.keep-versions=2", "payafter.label=RELEASE-1",
                "payafter.require-scenario-tables=true",
                "management.endpoint.payafterrules.access=unrestricted",
                "management.endpoints.web.exposure.include=health,payafterrules",
                "management.endpoint.health.show-details=always"})
class RulesEndpointOverHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Path temp;
    private static Path rules;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void rules(DynamicPropertyRegistry registry) throws IOException {
        temp = Files.createTempDirectory("payafter-endpoint");
        rules = TestRules.copyOfBundled(temp);
        registry.add("payafter.rules", rules::toString);
    }

    @AfterAll
    static void clean() throws IOException {
        FileSystemUtils.deleteRecursively(temp);
    }

    private JsonNode call(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        request = body == null ? request.GET() : request.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void readReloadRollbackAndHealth() throws Exception {
        JsonNode first = call("GET", "/actuator/payafterrules", null);
        String version = first.get("version").asText();
        assertThat(first.get("label").asText()).isEqualTo("RELEASE-1");
        assertThat(first.get("files").size()).isPositive();
        assertThat(first.get("previousVersions").size()).isZero();
        assertThat(call("POST", "/actuator/payafterrules/reload", "{}").get("status").asText())
                .isEqualTo("UNCHANGED");

        // a change its own scenario tables refuse: rejected, the old rules serve, health stays UP with the why
        TestRules.replace(rules, "eligibility/eligibility-policy.drl.csv", "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,550",
                "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,600");
        JsonNode rejected = call("POST", "/actuator/payafterrules/reload", "{}");
        assertThat(rejected.get("status").asText()).isEqualTo("REJECTED");
        assertThat(rejected.get("problems").size()).isPositive();
        JsonNode health = call("GET", "/actuator/health", null).get("components").get("payAfter");
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.get("details").get("ruleSetVersion").asText()).isEqualTo(version);
        assertThat(health.get("details").get("lastReload").get("status").asText()).isEqualTo("REJECTED");

        // a change that passes (a new, empty rule file), then a rollback to the first version
        TestRules.replace(rules, "eligibility/eligibility-policy.drl.csv", "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,600",
                "kuaishou,ECOMMERCE_GOODS,,,ZHIMA,550");
        Path notes = rules.resolve("eligibility/notes.drl");
        Files.writeString(notes, "package eligibility;\n");
        JsonNode swapped = call("POST", "/actuator/payafterrules/reload", "{}");
        assertThat(swapped.get("status").asText()).as(swapped.toString()).isEqualTo("SWAPPED");
        assertThat(call("GET", "/actuator/payafterrules", null).get("previousVersions").get(0).get("version")
                .asText()).isEqualTo(version);
        JsonNode rolledBack = call("POST", "/actuator/payafterrules/rollback", "{\"version\":\"" + version + "\"}");
        assertThat(rolledBack.get("status").asText()).isEqualTo("ROLLED_BACK");
        assertThat(rolledBack.get("serving").get("version").asText()).isEqualTo(version);
    }
}
