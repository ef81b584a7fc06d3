package io.drbd4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Which test walks each row of drbd-state-machine §2 (the command tables): entries {@code ROW: Class#method}, one
 * test each (a row walked by several tests has several entries), or {@code ROW: n/a: reason}. The tests below read
 * this list from this file's source and check it against the spec's rows and the test classes.
 *
 * <ul>
 *   <li>CM1: DrbdTransitionsTest#createMdWritesMetadataThatDumpMdThenFinds
 *   <li>CM2: DrbdTransitionsTest#createMdIsRefusedOnAnAttachedDevice
 *   <li>CM3: SetupRowsTest#cm3CreateMdOverValidMetadataWithoutForceIsCanceled
 *   <li>CM4: SetupRowsTest#cm4ForcedCreateMdMakesTheNodeAFullSyncTarget
 *   <li>U1: DrbdTransitionsTest#upAloneWaitsForTheConnectionAndUpOnBothConnects
 *   <li>U1: RebootAttachTest#upToDateComesBackUpToDateAfterACrash
 *   <li>U2: DrbdTransitionsTest#upAloneWaitsForTheConnectionAndUpOnBothConnects
 *   <li>U3: SetupRowsTest#u3UpTwiceIsRefusedByApplyAl
 *   <li>U4: DrbdTransitionsTest#upWithoutMetadataShowsUnconfigured
 *   <li>D1: MoreTransitionsTest#downEndsUnconfiguredAndThePeerWaits
 *   <li>D1: RebootAttachTest#upToDateComesBackUpToDateAfterDown
 *   <li>D2: DrbdTransitionsTest#secondaryIsRefusedWhileMountedAndDataReachesThePeer
 *   <li>D3: DrbdTransitionsTest#commandsOnADownResourceFailWithMinorNotAllocated
 *   <li>A1: SetupRowsTest#a1AttachWhileNotConnectedReadsTheMetadata
 *   <li>A2: SetupRowsTest#a2AttachWhileConnectedResyncsFromThePrimaryThatRotated
 *   <li>A3: SetupRowsTest#a3AttachTwiceIsRefusedByApplyAl
 *   <li>A4: SetupRowsTest#a4ADisklessPrimaryCanOnlyAttachTheDataItLostLast
 *   <li>DT1: SetupRowsTest#a2AttachWhileConnectedResyncsFromThePrimaryThatRotated
 *   <li>DT1: SetupRowsTest#a1AttachWhileNotConnectedReadsTheMetadata
 *   <li>DT2: MoreTransitionsTest#detachOfAPrimaryNeedsUpToDateDataElsewhere
 *   <li>DT3: MoreTransitionsTest#detachOfAPrimaryNeedsUpToDateDataElsewhere
 *   <li>DT4: SetupRowsTest#dt4DetachOfADisklessNodeIsNothingToDo
 *   <li>DT5: SetupRowsTest#dt5ForcedDetachOfAPrimaryWithoutPeerDataIsAHardChange
 *   <li>DT5: SetupRowsTest#dt5ForcedDetachOfAConnectedSecondaryIsAsDt1
 *   <li>CN1: DrbdTransitionsTest#connectIsRefusedUnlessStandAloneAndDisconnectOnStandAloneFails
 *   <li>CN2: DrbdTransitionsTest#connectIsRefusedUnlessStandAloneAndDisconnectOnStandAloneFails
 *   <li>CN3: MoreTransitionsTest#connectOnADownResourceIsAnUnknownResource
 *   <li>DC1: DrbdTransitionsTest#connectIsRefusedUnlessStandAloneAndDisconnectOnStandAloneFails
 *   <li>DC1: DrbdTransitionsTest#reconnectAfterWritesRunsABitmapResync
 *   <li>DC2: DrbdTransitionsTest#connectIsRefusedUnlessStandAloneAndDisconnectOnStandAloneFails
 *   <li>P1: DrbdTransitionsTest#twoDivergedPrimariesDemotedBeforeReconnectDiscardTheYoungerPrimary
 *   <li>P2: RoleRowsTest#p2PromotionOfAConnectedSecondaryRotatesNoUuid
 *   <li>P3: DrbdTransitionsTest#secondPrimaryIsRefused
 *   <li>P4: MoreTransitionsTest#forcedPrimaryOfTheSurvivorOfALostSyncSource
 *   <li>P4: DrbdTransitionsTest#outdateMakesAPlainPrimaryFail
 *   <li>P5: DrbdTransitionsTest#primaryOnInconsistentDataIsRefusedWithExit17On84
 *   <li>P6: MoreTransitionsTest#aSyncTargetCanBePromotedAndKeepsSyncing
 *   <li>P7: RoleRowsTest#p7AndS3TheSameRoleAgainIsNothingToDo
 *   <li>P8: RoleRowsTest#p8PrimaryOnADownResourceIsAnUnallocatedMinor
 *   <li>P9: RoleRowsTest#p9APrimaryAfterUpIsJudgedOnTheHandshakeResult
 *   <li>P10: RoleRowsTest#p10ConsistentNeverShowsWithFencingDontCareSoAPlainPrimaryWorks
 *   <li>PF1: RoleRowsTest#pf1AForcedPromotionThatAPlainOneWouldDoIsNotForced
 *   <li>PF2: DrbdTransitionsTest#forcedPrimaryOnAFreshPairRunsAFullSyncToUpToDate
 *   <li>PF3: MoreTransitionsTest#forcedPrimaryOfTheSurvivorOfALostSyncSource
 *   <li>PF4: RoleRowsTest#pf4ForcedPromotionOfADisklessNodeIsRefused
 *   <li>PF4: RoleRowsTest#pf4CorrectedADisklessNodeConnectedToAnUpToDatePeerIsPromoted
 *   <li>PF5: RoleRowsTest#pf5ForcedPromotionWhileThePeerIsPrimaryIsRefused
 *   <li>PF6: n/a: fencing configs only; the simulator has Chef's fencing dont-care: (-7) never happens
 *   <li>S1: DrbdTransitionsTest#secondaryIsRefusedWhileMountedAndDataReachesThePeer
 *   <li>S2: DrbdTransitionsTest#secondaryIsRefusedWhileMountedAndDataReachesThePeer
 *   <li>S3: RoleRowsTest#p7AndS3TheSameRoleAgainIsNothingToDo
 *   <li>S4: DrbdTransitionsTest#commandsOnADownResourceFailWithMinorNotAllocated
 *   <li>I1: DrbdTransitionsTest#invalidateOnAStandAloneSecondaryMakesItAFullSyncTarget
 *   <li>I2: ResyncRowsTest#i2InvalidateWhileConnectedIsAFullSyncTarget
 *   <li>I3: ResyncRowsTest#i3InvalidateWithoutAConnectionPrintsNoCommandLine
 *   <li>I4: DrbdTransitionsTest#invalidateOnAStandAloneSecondaryMakesItAFullSyncTarget
 *   <li>I5: ResyncRowsTest#i5InvalidateOfADownResourceRunsDrbdmetaOffline
 *   <li>I6: ResyncRowsTest#i6InvalidateWithAnInconsistentPeerImplicitlyUpgradesThePeer
 *   <li>IR1: ResyncRowsTest#ir1InvalidateRemoteWhileConnectedIsAFullSyncSource
 *   <li>IR2: RebootAttachTest#invalidateRemoteThenDownKeepsPeerOutDated
 *   <li>IR3: MoreTransitionsTest#invalidateRemoteNeedsAConnection
 *   <li>IR4: ResyncRowsTest#ir4InvalidateRemoteDuringAResyncIsRefusedWithTheCommandLine
 *   <li>IR5: ResyncRowsTest#ir5InvalidateRemoteOnAnInconsistentDiskImplicitlyUpgradesIt
 *   <li>O1: DrbdTransitionsTest#outdateMakesAPlainPrimaryFail
 *   <li>O2: ResyncRowsTest#o2OutdateWhileConnectedChangesNothing
 *   <li>O3: MoreTransitionsTest#outdateOfAPrimaryOrAnInconsistentDisk
 *   <li>O4: MoreTransitionsTest#outdateOfAPrimaryOrAnInconsistentDisk
 *   <li>O5: ResyncRowsTest#o5OutdateTwiceIsNothingToDo
 *   <li>O6: ResyncRowsTest#o6OutdateOfADownResourceRunsDrbdmetaOffline
 *   <li>DM1: HandshakeTest#w9SplitBrainAfterBothWerePrimaryAndTheManualRecovery
 *   <li>DM1: HandshakeTest#afterSb0priDiscardsTheYoungerPrimaryWhateverTheDiscardFlagSays
 *   <li>DM2: ResyncRowsTest#dm2DiscardMyDataIsRefusedOnAPrimary
 *   <li>DM3: ResyncRowsTest#dm3DiscardMyDataWhenNotStandAloneIsAddressInUse
 *   <li>DM4: HandshakeTest#bothSidesDiscardingTheirDataIsAnIncompatibleSetting
 *   <li>AJ1: ResyncSpeedTest#fixedModeRunsAtTheResyncRateUntilAdjustResetsIt
 *   <li>AJ2: ResyncRowsTest#aj2AdjustWithNothingChangedRunsNothing
 *   <li>AJ3: ResyncRowsTest#aj3AdjustBringsADownResourceUp
 *   <li>DO1: ResyncRowsTest#do1ATemporaryResyncRateIsPushedToThePeerButTheControllerIgnoresIt
 *   <li>DO2: ResyncSpeedTest#fixedModeRunsAtTheResyncRateUntilAdjustResetsIt
 *   <li>V1: DrbdTransitionsTest#verifyNeedsAVerifyAlgorithm
 *   <li>V2: VerifyRowsTest#v2VerifyNeedsAConnection
 *   <li>V3: VerifyRowsTest#v3VerifyWithAVerifyAlgRunsVerifySAndVerifyT
 *   <li>V4: VerifyRowsTest#v4VerifyDuringAResyncIsRefused
 *   <li>PS1: DrbdTransitionsTest#pauseAndResumeSync
 *   <li>PS2: DrbdTransitionsTest#pauseAndResumeSync
 *   <li>RS1: DrbdTransitionsTest#pauseAndResumeSync
 *   <li>RS2: DrbdTransitionsTest#pauseAndResumeSync
 *   <li>RS3: DrbdTransitionsTest#pauseAndResumeSync
 * </ul>
 */
class CommandTableCoverageTest {
    private static final Pattern ENTRY = Pattern.compile("^ \\* {3}<li>([A-Z]{1,3}[0-9]+): (.+)$", Pattern.MULTILINE);
    private static final Pattern ROW = Pattern.compile("^\\| ([A-Z]{1,3}[0-9]+) \\|", Pattern.MULTILINE);

    @Test
    void everyRowOfTheSpecCommandTablesHasAnEntry() throws IOException {
        Set<String> rows = specRows();
        assertThat(rows).as("row ids in §2").hasSizeGreaterThan(70).contains("CM1", "DT5", "V3", "RS3");
        assertThat(coverage().keySet()).containsAll(rows);
    }

    @Test
    void everyEntryNamesARowAndExistingTests() throws IOException, ClassNotFoundException {
        Set<String> rows = specRows();
        for (Map.Entry<String, String> e : coverage().entrySet()) {
            assertThat(rows).as("row %s", e.getKey()).contains(e.getKey());
            if (e.getValue().startsWith("n/a: ")) {
                assertThat(e.getValue())
                        .as("n/a is the only entry of %s", e.getKey())
                        .doesNotContain("#");
                assertThat(e.getValue().length())
                        .as("reason for %s", e.getKey())
                        .isGreaterThan(20);
                continue;
            }
            for (String test : e.getValue().split(", ")) {
                String[] parts = test.split("#");
                assertThat(parts).as("%s: %s", e.getKey(), test).hasSize(2);
                Class<?> type = Class.forName(getClass().getPackageName() + "." + parts[0]);
                assertThat(Arrays.stream(type.getDeclaredMethods()).map(Method::getName))
                        .as("%s: %s", e.getKey(), test)
                        .contains(parts[1]);
            }
        }
    }

    /** @return the row ids of the §2 tables, in order */
    private static Set<String> specRows() throws IOException {
        String spec =
                Files.readString(Path.of("src/test/resources/spec/drbd-state-machine.md"), StandardCharsets.UTF_8);
        int start = spec.indexOf("\n## 2. ");
        int end = spec.indexOf("\n## 3. ", start);
        assertThat(start).as("§2 of the spec").isPositive();
        Matcher m = ROW.matcher(spec.substring(start, end));
        Set<String> rows = new LinkedHashSet<>();
        while (m.find()) {
            rows.add(m.group(1));
        }
        return rows;
    }

    /** @return the entries of this class's javadoc, row id to its tests joined with {@code ", "} */
    private static Map<String, String> coverage() throws IOException {
        Path source = Path.of(
                "src/test/java", CommandTableCoverageTest.class.getName().replace('.', '/') + ".java");
        Matcher m = ENTRY.matcher(Files.readString(source, StandardCharsets.UTF_8));
        Map<String, String> entries = new LinkedHashMap<>();
        while (m.find()) {
            entries.merge(m.group(1), m.group(2).trim(), (a, b) -> a + ", " + b);
        }
        return entries;
    }
}
