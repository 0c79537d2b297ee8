/**
 * A fake of the four providers for tests and manual tries: their real wire formats, statuses and
 * error bodies, scripted per model or per key ({@link org.llmgate.testsupport.fake.FakeProvider}).
 */
package org.llmgate.testsupport.fake;
