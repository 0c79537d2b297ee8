package org.llmgate.testsupport.fake;

import java.util.List;

/**
 * Runs a {@link FakeProvider} in the foreground for trying llmgate by hand:
 * {@code java -cp target/test-classes:... org.llmgate.testsupport.fake.FakeProviderMain [port]}
 * (default 8089). Model names choose failures: always-429, always-401, always-402, always-500,
 * always-529, empty, hang, responses-only; anything else answers.
 */
public final class FakeProviderMain {

    private FakeProviderMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8089;
        FakeProvider fake = FakeProvider.start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(fake::close));
        System.out.println("Fake LLM providers listening on port " + fake.port());
        for (String provider : List.of(FakeProvider.OPENAI, FakeProvider.COMPATIBLE, FakeProvider.OPENROUTER, FakeProvider.ANTHROPIC)) {
            System.out.printf("  %-18s %s%n", provider, fake.baseUrl(provider));
        }
        System.out.println("Any API key works; model names containing always-429, always-401, always-402, always-500, "
                + "always-529, empty, hang or responses-only fail that way.");
        Thread.currentThread().join();
    }
}
