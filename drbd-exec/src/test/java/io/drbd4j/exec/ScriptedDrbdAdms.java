package io.drbd4j.exec;

import io.drbd4j.exec.dialect.DrbdDialect;
import io.drbd4j.exec.testing.RecordingCommandRunner;
import io.drbd4j.exec.testing.ScriptedCommandRunner;

/**
 * The fixture of the {@link CliDrbdAdm} tests, a fresh one per test: a scripted host that records what ran, and a
 * {@link DrbdAdm} of each dialect over it.
 */
abstract class ScriptedDrbdAdms {
    final ScriptedCommandRunner scripted = new ScriptedCommandRunner();
    final RecordingCommandRunner runner = new RecordingCommandRunner(scripted);
    final DrbdAdm on84 = new CliDrbdAdm(runner, DrbdDialect.drbd84());
    final DrbdAdm on83 = new CliDrbdAdm(runner, DrbdDialect.drbd83());
}
