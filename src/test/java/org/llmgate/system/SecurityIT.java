package org.llmgate.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.llmgate.testsupport.fake.FakeProvider.OPENAI;
import static org.llmgate.testsupport.fake.FakeProvider.OPENROUTER;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.llmgate.testsupport.fake.Behavior;

/**
 * Issue 10, tried as an attacker would, over HTTP against the real WAR: screens without a session
 * under every path spelling, stored keys sent elsewhere, login bursts, anonymous sessions, form
 * content types, hostile JSON, provider internals shown to students. Each is refused as SPEC §10
 * says, nothing changes in the database, and no key appears in any answer or log line.
 */
class SecurityIT {

    static final List<String> PAGES = List.of("index", "organizations", "courses", "credentials", "configs",
            "playground", "health", "budgets");

    static Llmgate llmgate;
    static RawHttp anonymous;

    @BeforeAll
    static void start() {
        llmgate = Llmgate.shared();
        anonymous = new RawHttp(llmgate.server.baseUrl(), "127.0.0.1");
    }

    static List<String> spellings(String page) {
        return List.of("/" + page + ".xhtml", "/" + page + ".xhtml;x=1", "/" + page + ".xhtml;jsessionid=1",
                "/jakarta.faces.resource/../" + page + ".xhtml", "/jakarta.faces.resource/%2e%2e/" + page + ".xhtml",
                "/jakarta.faces.resource/..%2f" + page + ".xhtml", "//" + page + ".xhtml", "/./" + page + ".xhtml",
                "/x/../" + page + ".xhtml", "/" + page.toUpperCase() + ".XHTML", "/" + page + ".XHTML",
                "/%" + Integer.toHexString(page.charAt(0)) + page.substring(1) + ".xhtml",
                "/" + page + ".xhtml%3bx=1", "/" + page + ".xhtml/", "/" + page + ".xhtml%00");
    }

    @Test
    void no_screen_opens_without_a_session_however_its_path_is_spelled() {
        for (String page : PAGES) {
            for (String path : spellings(page)) {
                RawHttp.Reply reply = anonymous.get(path);
                assertThat(reply.status()).as("GET %s", path).isIn(302, 400, 404);
                if (reply.status() == 302) {
                    assertThat(reply.header("Location")).as("GET %s", path).contains("/llmgate/login.xhtml");
                }
                assertThat(reply.body()).as("GET %s", path).doesNotContain("lg-menu").doesNotContain("ViewState");
                assertThat(reply.headers("Set-Cookie")).as("GET %s creates no session", path).isEmpty();
            }
        }
        // the public side stays public: the login page and its style sheet
        assertThat(anonymous.get("/login.xhtml").status()).isEqualTo(200);
    }

    @Test
    void a_postback_without_a_session_saves_nothing() throws Exception {
        String name = Fixtures.unique("Intruder");
        String form = "list=list&edit%3Aname=" + name + "&edit%3Asave=edit%3Asave&jakarta.faces.ViewState=stateless";
        for (String path : List.of("/organizations.xhtml", "/organizations.xhtml;x=1", "/jakarta.faces.resource/../organizations.xhtml")) {
            RawHttp.Reply reply = anonymous.send("POST", path, Map.of("Content-Type", "application/x-www-form-urlencoded",
                    "Faces-Request", "partial/ajax"), form);
            assertThat(reply.status()).as("POST %s", path).isIn(400, 401, 404);
            RawHttp.Reply plain = anonymous.send("POST", path, Map.of("Content-Type", "application/x-www-form-urlencoded"), form);
            assertThat(plain.status()).as("POST %s", path).isIn(302, 400, 404);
        }
        assertThat(count("SELECT count(*) FROM organizations WHERE name = '" + name + "'")).isZero();
    }

    @Test
    void the_login_page_keeps_no_state_for_anonymous_visitors_and_a_forged_view_goes_back_to_it() throws Exception {
        for (int i = 0; i < 20; i++) {
            RawHttp.Reply page = anonymous.get("/login.xhtml");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.headers("Set-Cookie")).as("an anonymous visit creates no session").isEmpty();
        }
        long severeBefore = severeLines();
        RawHttp.Reply forged = anonymous.send("POST", "/organizations.xhtml", Map.of(
                "Content-Type", "application/x-www-form-urlencoded", "Cookie", signedInCookie()),
                "list=list&jakarta.faces.ViewState=-123%3A456");
        assertThat(forged.status()).isIn(302, 303);
        assertThat(forged.header("Location")).contains("/login.xhtml");
        assertThat(severeLines()).as("no stack trace for a forged view").isEqualTo(severeBefore);
    }

    @Test
    void the_session_cookie_is_http_only_and_same_site_lax_and_exists_only_after_sign_in() {
        String cookie = signInResponse().headers("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure");
    }

    @Test
    void a_stored_key_is_sent_only_to_its_own_base_url() throws Exception {
        Scenario s = new Scenario(llmgate);
        String key = s.key("exfil");
        long credential = s.credential(OPENAI, key);
        String elsewhere = llmgate.fake.baseUrl(OPENROUTER);
        String model = s.model("probe");

        Api.Reply probe = llmgate.api.post("admin/llm-providers/openai/test-connection", Json.createObjectBuilder()
                .add("credentialId", credential).add("baseUrl", elsewhere).add("model", model).build());
        assertThat(probe.status()).isEqualTo(400);
        assertThat(probe.contentType()).startsWith("application/problem+json");
        assertThat(probe.body()).contains("baseUrl").doesNotContain(key);

        JsonObject moved = Json.createObjectBuilder(llmgate.api.get("admin/credentials/" + credential).json())
                .add("baseUrl", elsewhere).build();
        Api.Reply put = llmgate.api.put("admin/credentials/" + credential, moved);
        assertThat(put.status()).isEqualTo(400);
        assertThat(put.body()).contains("apiKey");
        assertThat(llmgate.api.get("admin/credentials/" + credential).json().getString("baseUrl"))
                .isEqualTo(llmgate.fake.baseUrl(OPENAI));
        assertThat(llmgate.fake.calls(model)).isZero();

        // with a key given for the new URL, the move is the admin's explicit choice
        JsonObject withKey = Json.createObjectBuilder(moved).add("apiKey", s.key("new")).build();
        assertThat(llmgate.api.put("admin/credentials/" + credential, withKey).status()).isEqualTo(200);
        // the stored key still works where it belongs
        Api.Reply home = llmgate.api.post("admin/llm-providers/openai/test-connection", Json.createObjectBuilder()
                .add("credentialId", s.credential(OPENAI, key)).add("model", model).build());
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.json().getBoolean("keyValid")).as(home.body()).isTrue();
    }

    @Test
    void a_burst_of_wrong_basic_passwords_is_throttled_per_address_before_any_hashing() {
        RawHttp attacker = new RawHttp(llmgate.server.baseUrl(), "127.0.0.7");
        String wrong = "Basic " + Base64.getEncoder().encodeToString("admin:guess".getBytes(StandardCharsets.UTF_8));
        int refused = 0;
        RawHttp.Reply last = null;
        for (int i = 0; i < 12; i++) {
            last = attacker.send("GET", "/api/admin/organizations", Map.of("Authorization", wrong), null);
            if (last.status() == 401) {
                refused++;
            }
        }
        assertThat(refused).as("failures allowed before throttling").isEqualTo(5);
        assertThat(last.status()).isEqualTo(429);
        assertThat(Long.parseLong(last.header("Retry-After"))).isBetween(1L, 60L);
        // even the right password waits: a throttled address learns nothing about its guesses
        assertThat(attacker.send("GET", "/api/admin/organizations", Map.of("Authorization", Api.ADMIN_AUTH), null).status())
                .isEqualTo(429);
        // the admin elsewhere is not locked out
        assertThat(llmgate.api.get("admin/organizations").status()).isEqualTo(200);
    }

    @Test
    void a_burst_of_wrong_form_logins_is_throttled_too() {
        RawHttp attacker = new RawHttp(llmgate.server.baseUrl(), "127.0.0.8");
        RawHttp.Reply last = null;
        for (int i = 0; i < 8; i++) {
            last = attacker.send("POST", "/login.xhtml", Map.of("Content-Type", "application/x-www-form-urlencoded"),
                    loginForm("admin", "guess-" + i));
        }
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.header("Retry-After")).isNotNull();
        assertThat(last.body()).contains("Too many failed sign-ins");
    }

    @Test
    void state_changing_calls_take_json_only() throws Exception {
        Scenario s = new Scenario(llmgate);
        String dead = s.key("dead");
        s.fake().scriptKey(dead, Behavior.status(401));
        s.hop(OPENAI, s.credential(OPENAI, dead), s.model("m"));
        s.hop(OPENAI, s.credential(OPENAI, s.key("ok")), s.model("backup"));
        s.chat("hello");
        String label = llmgate.api.get("admin/credentials?organizationId=" + s.organization).array()
                .getJsonObject(0).getString("label");
        // notifications are written off the chat's path: wait for this dead key's
        long notification = Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> notificationFor(label), id -> id > 0);
        for (String type : List.of("application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain")) {
            Api.Reply ack = llmgate.api.send("POST", "admin/notifications/" + notification + "/ack", "x=1", Api.ADMIN_AUTH, type);
            assertThat(ack.status()).as(type).isEqualTo(415);
            assertThat(ack.contentType()).startsWith("application/problem+json");
            Api.Reply organization = llmgate.api.send("POST", "admin/organizations", "{\"name\":\"Form U\"}", Api.ADMIN_AUTH, type);
            assertThat(organization.status()).as(type).isEqualTo(415);
        }
        assertThat(count("SELECT count(*) FROM notifications WHERE id = " + notification + " AND acknowledged_at IS NULL"))
                .as("the alert is still unacknowledged").isEqualTo(1);
        assertThat(llmgate.api.send("POST", "admin/notifications/" + notification + "/ack", null, Api.ADMIN_AUTH, null).status())
                .isEqualTo(200);
    }

    /**
     * The chat endpoints are servlets, not JAX-RS resources (issue 16): they must refuse exactly as
     * the JAX-RS routes do, however the call is made, and no refused call reaches an upstream.
     */
    @Test
    void the_chat_endpoints_refuse_every_malformed_or_unauthenticated_call_before_any_upstream_call() throws Exception {
        Scenario s = new Scenario(llmgate);
        String model = s.model("guarded");
        s.hop(OPENAI, s.credential(OPENAI, s.key("k")), model);
        String chat = "{\"homeworkId\": " + s.homework + ", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}";
        String completion = "{\"model\": \"homework:" + s.homework + "\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}";
        Map<String, String> json = Map.of("Content-Type", "application/json", "Authorization", Api.ADMIN_AUTH);
        for (String path : List.of("/api/chat", "/api/v1/chat/completions")) {
            String body = path.endsWith("chat") ? chat : completion;
            for (String spelling : List.of(path, path + "/", path + ";x=1", path.replace("/api/", "/api//"),
                    path.replace("/api/", "/api/./"), path.replace("/api/", "/x/../api/"), path.replace("chat", "%63hat"))) {
                RawHttp.Reply reply = anonymous.send("POST", spelling, Map.of("Content-Type", "application/json"), body);
                assertThat(reply.status()).as("anonymous POST %s", spelling).isIn(400, 401, 404);
                assertThat(reply.body()).as("POST %s", spelling).doesNotContain("data:");
            }
            RawHttp.Reply get = anonymous.send("GET", path, Map.of(), null);
            assertThat(get.status()).as("anonymous GET %s", path).isEqualTo(401);
            assertThat(get.header("WWW-Authenticate")).isEqualTo("Basic realm=\"llmgate\"");
            assertThat(get.header("Content-Type")).startsWith("application/problem+json");

            RawHttp.Reply wrongMethod = anonymous.send("PUT", path, json, body);
            assertThat(wrongMethod.status()).as("PUT %s", path).isEqualTo(405);
            assertThat(wrongMethod.header("Allow")).contains("POST");
            for (String type : List.of("application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain",
                    "application/vnd.x+json")) {
                RawHttp.Reply form = anonymous.send("POST", path, Map.of("Content-Type", type, "Authorization", Api.ADMIN_AUTH), body);
                assertThat(form.status()).as("%s as %s", path, type).isEqualTo(415);
                assertThat(form.header("Content-Type")).startsWith("application/problem+json");
            }
            RawHttp.Reply html = anonymous.send("POST", path, Map.of("Content-Type", "application/json",
                    "Authorization", Api.ADMIN_AUTH, "Accept", "text/html"), body);
            assertThat(html.status()).as("%s for text/html", path).isEqualTo(406);
            Api.Reply huge = llmgate.api.send("POST", path.substring("/api/".length()), body.replace("hi", "x".repeat(2_000_000)),
                    Api.ADMIN_AUTH, "application/json");
            assertThat(huge.status()).as("%s with 2 MB", path).isEqualTo(413);
            byte[] big = body.replace("hi", "x".repeat(2_000_000)).getBytes(StandardCharsets.UTF_8);
            java.net.http.HttpResponse<String> chunked = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(llmgate.server.baseUrl() + path))
                            .header("Content-Type", "application/json").header("Authorization", Api.ADMIN_AUTH)
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)))
                            .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(chunked.statusCode()).as("%s with 2 MB chunked, no length", path).isEqualTo(413);
            for (String hostile : List.of("[".repeat(1000) + "]".repeat(1000), "{\"homeworkId\": ", "", "[]", "null",
                    body.replace("\"hi\"", "5"), body.replace("\"user\"", "\"wizard\""))) {
                RawHttp.Reply bad = anonymous.send("POST", path, json, hostile);
                assertThat(bad.status()).as("%s with %s", path, hostile.length() > 40 ? hostile.substring(0, 40) : hostile)
                        .isIn(400);
                assertThat(bad.header("Content-Type")).startsWith("application/problem+json");
                assertThat(bad.body()).doesNotContain("Exception");
            }
        }
        // a client that stops sending before its declared length: the connection is dropped or answered 400,
        // never a server failure in the log
        long severeBefore = severeLines();
        java.net.URI base = java.net.URI.create(llmgate.server.baseUrl());
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("POST " + base.getPath() + "/api/chat HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\nAuthorization: " + Api.ADMIN_AUTH + "\r\nContent-Length: 500\r\n\r\n"
                    + chat.substring(0, 20)).getBytes(StandardCharsets.UTF_8));
            socket.shutdownOutput();
            String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(reply).as("a truncated body").satisfiesAnyOf(r -> assertThat(r).isEmpty(),
                    r -> assertThat(r).startsWith("HTTP/1.1 400").contains("application/problem+json"));
        }
        assertThat(severeLines()).as("no SEVERE log line for a truncated body").isEqualTo(severeBefore);
        assertThat(s.fake().calls(model)).as("no refused call reached the upstream").isZero();
        // and the endpoints still answer a well-formed call, by either spelling with a trailing slash
        RawHttp.Reply ok = anonymous.send("POST", "/api/chat/", json, chat);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("Content-Type")).startsWith("text/event-stream");
        assertThat(ok.body()).contains("event: done");
        RawHttp.Reply completed = anonymous.send("POST", "/api/v1/chat/completions", json, completion);
        assertThat(completed.status()).isEqualTo(200);
        assertThat(completed.body()).contains("\"chat.completion\"");
    }

    @Test
    void hostile_json_is_a_clear_400_and_changes_nothing() throws Exception {
        long severeBefore = severeLines();
        String name = Fixtures.unique("Hostile");
        long organization = new Fixtures(llmgate.api).organization();
        Map<String, String> bodies = Map.of(
                "deep", "[".repeat(1000) + "]".repeat(1000),
                "deep object", "{\"name\":" + "{\"a\":".repeat(1000) + "1" + "}".repeat(1001),
                "NUL in a name", "{\"name\":\"" + name + "\\u0000x\"}",
                "control character", "{\"name\":\"" + name + "\\u001b[31m\"}",
                "unknown field", "{\"name\":\"" + name + "\",\"fallbackConfig\":1}",
                "wrong type", "{\"name\":[\"" + name + "\"]}",
                "huge number", "{\"name\":\"" + name + "\",\"llmConfigId\":1e400}",
                "not json", "{\"name\":\"" + name + "\"",
                "empty", "");
        bodies.forEach((what, body) -> {
            Api.Reply reply = llmgate.api.send("POST", "admin/organizations", body, Api.ADMIN_AUTH, "application/json");
            assertThat(reply.status()).as(what).isEqualTo(400);
            assertThat(reply.contentType()).as(what).startsWith("application/problem+json");
        });
        Api.Reply nulCourse = llmgate.api.send("POST", "admin/courses", "{\"organizationId\":" + organization
                + ",\"name\":\"" + name + "\\u0000\"}", Api.ADMIN_AUTH, "application/json");
        assertThat(nulCourse.status()).isEqualTo(400);
        Api.Reply typo = llmgate.api.send("POST", "admin/llm-configs", "{\"organizationId\":" + organization
                + ",\"name\":\"x\",\"provider\":\"openai\",\"credentialId\":1,\"model\":\"m\",\"fallbackConfig\":2}",
                Api.ADMIN_AUTH, "application/json");
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.body()).contains("fallbackConfig");
        Api.Reply huge = llmgate.api.send("POST", "admin/organizations", "{\"name\":\"" + "x".repeat(2_000_000) + "\"}",
                Api.ADMIN_AUTH, "application/json");
        assertThat(huge.status()).isEqualTo(413);

        assertThat(count("SELECT count(*) FROM organizations WHERE name LIKE '" + name + "%'")).isZero();
        assertThat(count("SELECT count(*) FROM courses WHERE name LIKE '" + name + "%'")).isZero();
        assertThat(severeLines()).as("no SEVERE log line for bad input").isEqualTo(severeBefore);
    }

    @Test
    void the_wadl_does_not_map_the_api() {
        assertThat(llmgate.api.get("application.wadl").status()).as("the admin gets no WADL either").isEqualTo(404);
        String token = "Bearer " + llmgate.api.post("admin/organizations/" + new Fixtures(llmgate.api).organization()
                + "/tokens", null).json().getString("token");
        Api.Reply asToken = llmgate.api.send("GET", "application.wadl", null, token, null);
        assertThat(asToken.status()).isIn(403, 404);
        assertThat(asToken.body()).doesNotContain("admin/credentials");
    }

    @Test
    void students_read_the_generic_text_of_an_error_class_never_the_upstreams() {
        Scenario s = new Scenario(llmgate);
        String secretish = "Insufficient credits on account acme-billing-7731 at gpu-node-17.internal.example";
        s.fake().script(s.model("paid"), Behavior.status(402).message(secretish));
        s.fake().script(s.model("broken"), Behavior.status(500).message("stack at gpu-node-17.internal.example"));
        s.hop(OPENAI, s.credential(OPENAI, s.key("a")), s.model("paid"));
        s.hop(OPENAI, s.credential(OPENAI, s.key("b")), s.model("broken"));

        ChatStream chat = s.chat("hello");
        ChatStream.Event fallback = chat.events().stream().filter(e -> e.name().equals("fallback")).findFirst().orElseThrow();
        assertThat(fallback.data().getString("errorClass")).isEqualTo("credit_exhausted");
        assertThat(fallback.data().getString("message")).doesNotContain("acme").doesNotContain("internal.example");
        ChatStream.Event error = chat.last();
        assertThat(error.name()).isEqualTo("error");
        assertThat(error.data().toString()).doesNotContain("acme").doesNotContain("internal.example");

        String compatible = Json.createObjectBuilder().add("model", "homework:" + s.homework)
                .add("messages", Json.createArrayBuilder().add(Json.createObjectBuilder().add("role", "user").add("content", "hi")))
                .build().toString();
        Api.Reply openAi = llmgate.api.send("POST", "v1/chat/completions", compatible, Api.ADMIN_AUTH, "application/json");
        assertThat(openAi.status()).isGreaterThanOrEqualTo(400);
        assertThat(openAi.body()).doesNotContain("acme").doesNotContain("internal.example");
        // the admin still learns what broke (notifications are written off the chat's path)
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> llmgate.api.get("admin/notifications").body().contains("credit_exhausted"));
    }

    @Test
    void no_key_of_this_run_appears_in_the_server_log() throws Exception {
        Scenario s = new Scenario(llmgate);
        String key = s.key("logged");
        s.fake().scriptKey(key, Behavior.status(401).message("Incorrect API key provided: " + key));
        s.hop(OPENAI, s.credential(OPENAI, key), s.model("m"));
        s.chat("hello");
        String log = Files.readString(llmgate.server.log());
        assertThat(log).doesNotContain(key).doesNotContain(key.substring(0, key.length() - 4));
        assertThat(log).doesNotContain(LlmgateServer.ADMIN_PASSWORD);
    }

    private static long notificationFor(String credentialLabel) {
        return llmgate.api.get("admin/notifications").array().stream().map(v -> v.asJsonObject())
                .filter(n -> n.getString("title").contains(credentialLabel))
                .mapToLong(n -> n.getJsonNumber("id").longValue()).max().orElse(0);
    }

    private static String loginForm(String user, String password) {
        return "login=login&login%3Ausername=" + user + "&login%3Apassword=" + password
                + "&login%3Asubmit=&login%3Anext=&jakarta.faces.ViewState=stateless";
    }

    private static RawHttp.Reply signInResponse() {
        return new RawHttp(llmgate.server.baseUrl(), "127.0.0.1").send("POST", "/login.xhtml",
                Map.of("Content-Type", "application/x-www-form-urlencoded"), loginForm("admin", LlmgateServer.ADMIN_PASSWORD));
    }

    private static String signedInCookie() {
        String cookie = signInResponse().headers("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow(() -> new AssertionError("sign-in set no session cookie"));
        return cookie.substring(0, cookie.indexOf(';'));
    }

    private static long count(String sql) throws Exception {
        try (var c = llmgate.db.connect(llmgate.dbUrl); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long severeLines() throws Exception {
        return Files.readAllLines(llmgate.server.log()).stream().filter(l -> l.contains("SEVERE")).count();
    }
}
