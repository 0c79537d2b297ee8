package org.llmgate.system;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Arquillian starts its Payara Micro before any test code runs, so the database it points at must
 * exist when the test session opens. Only in the system-test run (Failsafe sets llmgate.buildDir);
 * unit tests start nothing.
 */
public class ArquillianDatabase implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty("llmgate.buildDir") == null || System.getProperty("llmgate.arq.db.url") != null) {
            return;
        }
        TestDatabase db = TestDatabase.get();
        System.setProperty("llmgate.arq.db.url", db.createDatabase("llmgate_arquillian"));
        System.setProperty("llmgate.arq.db.user", db.user());
        System.setProperty("llmgate.arq.db.password", db.password());
        System.setProperty("llmgate.arq.data.dir", Llmgate.tempDir("llmgate-arquillian").toString());
    }
}
