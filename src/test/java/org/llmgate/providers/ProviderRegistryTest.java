package org.llmgate.providers;

import org.junit.jupiter.api.Test;
import org.llmgate.providers.anthropic.AnthropicAdapter;
import org.llmgate.providers.compatible.OpenAiCompatibleAdapter;
import org.llmgate.providers.openai.OpenAiAdapter;
import org.llmgate.providers.openrouter.OpenRouterAdapter;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderRegistryTest {

    @Test
    void findsEveryAdapterById() {
        UpstreamHttp http = new UpstreamHttp();
        ProviderRegistry registry = new ProviderRegistry(List.of(new OpenRouterAdapter(http), new OpenAiAdapter(http),
                new AnthropicAdapter(http), new OpenAiCompatibleAdapter(http)));

        assertThat(registry.ids()).containsExactly("anthropic", "openai", "openai-compatible", "openrouter");
        assertThat(registry.find("anthropic")).get().isInstanceOf(AnthropicAdapter.class);
        assertThat(registry.find("openai-compatible")).get().isInstanceOf(OpenAiCompatibleAdapter.class);
        assertThat(registry.find("gemini")).isEmpty();
        assertThat(registry.find(null)).isEmpty();
    }
}
