package dev.flagpost.flags.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flagpost.api.FliptException;
import dev.flagpost.flags.evaluation.NamespaceSnapshot.Constraint;
import dev.flagpost.flags.evaluation.NamespaceSnapshot.Distribution;
import dev.flagpost.flags.evaluation.NamespaceSnapshot.Flag;
import dev.flagpost.flags.evaluation.NamespaceSnapshot.Rollout;
import dev.flagpost.flags.evaluation.NamespaceSnapshot.Rule;
import dev.flagpost.flags.evaluation.NamespaceSnapshot.Segment;
import dev.flagpost.flags.model.Kinds;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EvaluatorTest {
    static final Segment EVERYONE = new Segment("everyone", Kinds.ALL_MATCH, List.of());

    /** CRC-32/IEEE of "123456789" is the standard check value 0xCBF43926 (= 3421780262); mod 1000 = 262, mod 100 = 62. */
    @Test
    void crc32IsTheIeeePolynomialAsInGo() {
        assertEquals(0xCBF43926L, Evaluator.crc32("123456789"));
    }

    static Flag variantFlag(double... rollouts) {
        List<Distribution> d = new java.util.ArrayList<>();
        for (int i = 0; i < rollouts.length; i++) {
            d.add(new Distribution("v" + i, "", rollouts[i]));
        }
        return new Flag("1234", true, Kinds.VARIANT_FLAG, List.of(new Rule(1, Kinds.OR, List.of(EVERYONE), d)), List.of());
    }

    /** flagKey "1234" + entityId "56789" hashes to bucket 262: the first cumulative bucket above 262 wins. */
    @ParameterizedTest
    @CsvSource({"26.2,v1", "26.3,v0", "10,v1", "50,v0"})
    void variantBucketIsCrc32OfFlagKeyThenEntityIdMod1000(double first, String expected) {
        var r = Evaluator.variant(variantFlag(first, 100 - first), "56789", Map.of());
        assertTrue(r.match());
        assertEquals(expected, r.variantKey());
        assertEquals(List.of("everyone"), r.segmentKeys());
    }

    @Test
    void aBucketBeyondTheLastDistributionIsNoMatch() {
        var r = Evaluator.variant(variantFlag(10, 16), "56789", Map.of()); // buckets 100, 260 < 262
        assertFalse(r.match());
        assertEquals(Evaluator.Reason.UNKNOWN_EVALUATION_REASON, r.reason());
    }

    @Test
    void aMatchingRuleWithoutDistributionsMatchesWithoutVariant() {
        var r = Evaluator.variant(variantFlag(), "56789", Map.of());
        assertTrue(r.match());
        assertEquals("", r.variantKey());
        assertEquals(Evaluator.Reason.MATCH_EVALUATION_REASON, r.reason());
    }

    @Test
    void disabledVariantFlagNeverMatches() {
        Flag f = new Flag("f", false, Kinds.VARIANT_FLAG, variantFlag(100).rules(), List.of());
        assertEquals(Evaluator.Reason.FLAG_DISABLED_EVALUATION_REASON, Evaluator.variant(f, "e", Map.of()).reason());
    }

    @Test
    void noMatchingRuleWithoutDefaultVariantIsUnknownAsInFlipt161() {
        Segment pro = new Segment("pro", Kinds.ALL_MATCH, List.of(new Constraint(Kinds.STRING, "plan", "eq", "pro")));
        Flag f = new Flag("f", true, Kinds.VARIANT_FLAG, List.of(new Rule(1, Kinds.OR, List.of(pro), List.of())), List.of());
        var r = Evaluator.variant(f, "e", Map.of("plan", "free"));
        assertFalse(r.match());
        assertEquals(Evaluator.Reason.UNKNOWN_EVALUATION_REASON, r.reason());
        assertTrue(Evaluator.variant(f, "e", Map.of("plan", "pro")).match());
    }

    static final NamespaceSnapshot.Variant BASIC = new NamespaceSnapshot.Variant("id-basic", "basic", "{\"n\":1}");

    @Test
    void noMatchingRuleAnswersTheDefaultVariantWithTheDefaultReason() {
        Segment pro = new Segment("pro", Kinds.ALL_MATCH, List.of(new Constraint(Kinds.STRING, "plan", "eq", "pro")));
        Flag f = new Flag("f", true, Kinds.VARIANT_FLAG, List.of(new Rule(1, Kinds.OR, List.of(pro),
                List.of(new Distribution("premium", "", 100)))), List.of()).withDefaultVariant(BASIC);
        var r = Evaluator.variant(f, "e", Map.of("plan", "free"));
        assertFalse(r.match());
        assertEquals(Evaluator.Reason.DEFAULT_EVALUATION_REASON, r.reason());
        assertEquals("basic", r.variantKey());
        assertEquals("{\"n\":1}", r.variantAttachment());
        assertEquals("premium", Evaluator.variant(f, "e", Map.of("plan", "pro")).variantKey());
    }

    @Test
    void aDisabledFlagIsFlagDisabledButKeepsTheDefaultVariantAsFliptDoes() {
        Flag f = new Flag("f", false, Kinds.VARIANT_FLAG, variantFlag(100).rules(), List.of()).withDefaultVariant(BASIC);
        var r = Evaluator.variant(f, "e", Map.of());
        assertFalse(r.match());
        assertEquals(Evaluator.Reason.FLAG_DISABLED_EVALUATION_REASON, r.reason());
        assertEquals("basic", r.variantKey());
    }

    @Test
    void aBucketPastEveryDistributionKeepsTheDefaultAnswerAndReportsTheSegments() {
        // 1 % rollout: almost every entity falls past it (Flipt v1: match false, default reason kept)
        Flag f = new Flag("f", true, Kinds.VARIANT_FLAG, List.of(new Rule(1, Kinds.OR, List.of(EVERYONE),
                List.of(new Distribution("rare", "", 1)))), List.of()).withDefaultVariant(BASIC);
        String entity = java.util.stream.IntStream.range(0, 1000).mapToObj(i -> "e" + i)
                .filter(e -> !Evaluator.variant(f, e, Map.of()).match()).findFirst().orElseThrow();
        var r = Evaluator.variant(f, entity, Map.of());
        assertEquals(Evaluator.Reason.DEFAULT_EVALUATION_REASON, r.reason());
        assertEquals("basic", r.variantKey());
        assertEquals(List.of(EVERYONE.key()), r.segmentKeys());
    }

    @Test
    void aMatchingRuleWithoutDistributionsIsAMatchNamingTheDefaultVariant() {
        Flag f = new Flag("f", true, Kinds.VARIANT_FLAG, List.of(new Rule(1, Kinds.OR, List.of(EVERYONE), List.of())), List.of())
                .withDefaultVariant(BASIC);
        var r = Evaluator.variant(f, "e", Map.of());
        assertTrue(r.match());
        assertEquals(Evaluator.Reason.MATCH_EVALUATION_REASON, r.reason());
        assertEquals("basic", r.variantKey());
    }

    @Test
    void andRulesNeedEverySegmentOrRulesAny() {
        Segment pro = new Segment("pro", Kinds.ALL_MATCH, List.of(new Constraint(Kinds.STRING, "plan", "eq", "pro")));
        Segment eu = new Segment("eu", Kinds.ALL_MATCH, List.of(new Constraint(Kinds.STRING, "region", "eq", "eu")));
        Flag and = new Flag("f", true, Kinds.VARIANT_FLAG, List.of(new Rule(1, Kinds.AND, List.of(eu, pro), List.of())), List.of());
        Flag or = new Flag("f", true, Kinds.VARIANT_FLAG, List.of(new Rule(1, Kinds.OR, List.of(eu, pro), List.of())), List.of());
        Map<String, String> proUs = Map.of("plan", "pro", "region", "us");
        assertFalse(Evaluator.variant(and, "e", proUs).match());
        var r = Evaluator.variant(or, "e", proUs);
        assertTrue(r.match());
        assertEquals(List.of("pro"), r.segmentKeys(), "only the segments that matched are reported");
        assertTrue(Evaluator.variant(and, "e", Map.of("plan", "pro", "region", "eu")).match());
    }

    /** entityId "12345" + flagKey "6789" hashes to 62 mod 100: enabled when 62 < percentage. */
    @ParameterizedTest
    @CsvSource({"62,false,DEFAULT_EVALUATION_REASON", "63,true,MATCH_EVALUATION_REASON"})
    void booleanThresholdIsCrc32OfEntityIdThenFlagKeyMod100(double percentage, boolean enabled, Evaluator.Reason reason) {
        Flag f = new Flag("6789", false, Kinds.BOOLEAN_FLAG, List.of(), List.of(new Rollout(1, Kinds.THRESHOLD_ROLLOUT, percentage, true, 0, List.of())));
        var r = Evaluator.bool(f, "12345", Map.of());
        assertEquals(enabled, r.enabled());
        assertEquals(reason, r.reason());
    }

    @Test
    void booleanSegmentRolloutsApplyInRankOrderThenTheFlagValue() {
        Segment beta = new Segment("beta", Kinds.ALL_MATCH, List.of(new Constraint(Kinds.BOOLEAN, "beta", "true", "")));
        Flag f = new Flag("b", true, Kinds.BOOLEAN_FLAG, List.of(), List.of(
                new Rollout(1, Kinds.SEGMENT_ROLLOUT, 0, false, Kinds.OR, List.of(beta)),
                new Rollout(2, Kinds.THRESHOLD_ROLLOUT, 100, true, 0, List.of())));
        assertFalse(Evaluator.bool(f, "e", Map.of("beta", "true")).enabled());
        assertTrue(Evaluator.bool(f, "e", Map.of("beta", "false")).enabled());
        Flag noRollouts = new Flag("b", true, Kinds.BOOLEAN_FLAG, List.of(), List.of());
        assertEquals(Evaluator.Reason.DEFAULT_EVALUATION_REASON, Evaluator.bool(noRollouts, "e", Map.of()).reason());
    }

    @Test
    void evaluatingAFlagOfTheOtherTypeIsInvalid() {
        assertThrows(FliptException.class, () -> Evaluator.bool(variantFlag(100), "e", Map.of()));
        Flag b = new Flag("b", true, Kinds.BOOLEAN_FLAG, List.of(), List.of());
        assertThrows(FliptException.class, () -> Evaluator.variant(b, "e", Map.of()));
    }

    @Test
    void aSegmentRolloutReportsTheSegmentsThatMatched() {
        Flag f = new Flag("b", false, Kinds.BOOLEAN_FLAG, List.of(), List.of(new Rollout(1, Kinds.SEGMENT_ROLLOUT, 0, true, Kinds.OR, List.of(EVERYONE))));
        var r = Evaluator.bool(f, "e", Map.of());
        assertTrue(r.enabled());
        assertEquals(List.of("everyone"), r.segmentKeys());
    }
}
