package io.drbd4j.chef;

import io.drbd4j.core.DrbdException;
import io.drbd4j.exec.dialect.DialectDetector;
import io.drbd4j.exec.dialect.DrbdDialect;
import java.util.LinkedHashMap;
import java.util.Map;

/** Each backend's drbdadm dialect: the one given, or the one detected on the host (nothing is changed). */
final class Dialects {
    private final Map<String, DrbdDialect> byHost;

    private Dialects(Map<String, DrbdDialect> byHost) {
        this.byHost = byHost;
    }

    /**
     * @param workflow the workflow that asks, for the error
     * @param cluster the backends
     * @return their dialects, each with the cluster's command timeout
     * @throws WorkflowException (STATE_UNKNOWN, step {@code detect-dialect}) when a host's dialect cannot be told
     */
    static Dialects resolve(String workflow, ChefHaCluster cluster) {
        Map<String, DrbdDialect> byHost = new LinkedHashMap<>();
        for (Backend backend : cluster.backends()) {
            DrbdDialect dialect;
            if (backend.dialect().isPresent()) {
                dialect = backend.dialect().get();
            } else {
                try {
                    dialect = new DialectDetector(backend.runner()).detect().dialect();
                } catch (DrbdException e) {
                    throw new WorkflowException(
                            WorkflowException.Reason.STATE_UNKNOWN,
                            workflow,
                            "detect-dialect",
                            backend.name(),
                            e.getMessage(),
                            "a DRBD 8.3 or 8.4 userland that drbdadm --version or /proc/drbd identifies",
                            "install drbd-utils on " + backend.name() + ", or give its dialect in Backend.dialect()",
                            e);
                }
            }
            byHost.put(backend.name(), dialect.withTimeout(cluster.commandTimeout()));
        }
        return new Dialects(byHost);
    }

    DrbdDialect of(String host) {
        return byHost.get(host);
    }

    Map<String, String> names() {
        Map<String, String> names = new LinkedHashMap<>();
        byHost.forEach((host, dialect) -> names.put(host, dialect.name()));
        return names;
    }
}
