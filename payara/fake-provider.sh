#!/usr/bin/env bash
# Starts the fake LLM providers of the test suite in the foreground, for trying llmgate by hand
# without any real provider. Model names choose failures (always-429, always-401, ...).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
exec java -cp "target/classes:target/test-classes:$(cat target/test-classpath.txt)" \
  org.llmgate.testsupport.fake.FakeProviderMain "${1:-8089}"
