package io.drbd4j.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drbd4j.exec.dialect.DrbdDialect;
import io.drbd4j.exec.runner.Command;
import org.junit.jupiter.api.Test;

/** {@code drbdsetup show}'s peer address, in both dialects' layouts, as drbd-utils prints them. */
class ConfiguredPeerTest {
    private static final Command SHOW84 = DrbdDialect.drbd84().show("pc0", 0);
    private static final Command SHOW83 = DrbdDialect.drbd83().show("pc0", 0);

    @Test
    void readsThePeerInsideAnEightFourResource() {
        String show = "resource pc0 {\n    options {\n    }\n    net {\n        cram-hmac-alg     \t\"sha1\";\n    }\n"
                + "    _remote_host {\n        address\t\t\tipv4 10.99.0.4:7788;\n    }\n"
                + "    _this_host {\n        address\t\t\tipv4 10.99.0.3:7788;\n        volume 0 {\n"
                + "            device\t\t\tminor 0;\n        }\n    }\n}\n";

        assertThat(CliDrbdAdm.peerOf(SHOW84, show)).hasValue("10.99.0.4:7788");
        assertThat(SHOW84.argv()).containsExactly("drbdsetup", "show", "pc0");
    }

    @Test
    void readsThePeerAtTheTopLevelOfEightThree() {
        String show = "protocol C;\n_this_host {\n\tdevice\t\t\tminor 0;\n\taddress\t\t\tipv4 10.0.0.1:7788;\n}\n"
                + "_remote_host {\n\taddress\t\t\tipv4 10.0.0.2:7788;\n}\n";

        assertThat(CliDrbdAdm.peerOf(SHOW83, show)).hasValue("10.0.0.2:7788");
        assertThat(SHOW83.argv()).containsExactly("drbdsetup", "/dev/drbd0", "show");
    }

    @Test
    void aResourceWithoutANetworkConfigurationHasNoPeer() {
        String show = "resource pc0 {\n    options {\n    }\n    _this_host {\n        volume 0 {\n"
                + "            device\t\t\tminor 0;\n        }\n    }\n}\n";

        assertThat(CliDrbdAdm.peerOf(SHOW84, show)).isEmpty();
    }

    @Test
    void aRemoteHostWithoutAnAddressIsATypedError() {
        assertThatThrownBy(() -> CliDrbdAdm.peerOf(SHOW84, "_remote_host {\n    }\n"))
                .isInstanceOf(HostQueryException.class)
                .hasMessageContaining("_remote_host { address ipv4 ADDRESS:PORT; }");
    }
}
