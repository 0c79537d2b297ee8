/**
 * A fake of the four providers for tests and manual tries: their real wire formats, statuses and
 * error bodies, scripted per model or per key ({@link org.llmgate.testsupport.fake.FakeProvider}).
 * The shared plumbing (server, scripts, counts, playing a {@link org.llmgate.testsupport.fake.Behavior})
 * is here; each provider's way of speaking is a {@link org.llmgate.testsupport.fake.ProviderWire}
 * in its own subpackage, as the adapters are in {@code org.llmgate.providers}.
 */
package org.llmgate.testsupport.fake;
