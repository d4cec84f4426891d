package ledgerlearn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import ledgerlearn.model.ModelOptions;
import org.junit.jupiter.api.Test;

final class OptionsTest {

    @Test
    void serverAndEvaluateDefaultToTheModelsDefaults() throws UsageException {
        assertEquals(ModelOptions.DEFAULT, ServerOptions.parse(new String[0], Map.of()).model());
        assertEquals(ModelOptions.DEFAULT, EvaluateOptions.parse(new String[0], Map.of()).model());
    }

    @Test
    void serverReadsEveryModelFlagAndItsEnvironmentTwin() throws UsageException {
        ServerOptions server = ServerOptions.parse(new String[] {"--alpha", "0.01", "--month", "true",
                "--company-gate=false", "--exact-memory", "false", "--hash-bits", "18", "--global-prior", "2.5",
                "--recency", "0.25"},
                Map.of("LEDGERLEARN_COMPANY_MODEL", "0", "LEDGERLEARN_CROSSES", "true", "LEDGERLEARN_SPLIT_MEMORY", "false",
                        "LEDGERLEARN_TOKEN_HABITS", "3"));

        assertEquals(new ModelOptions(0.01, true, true, 18, false, false, 0, false, 2.5, 0.25, 3), server.model());
    }

    @Test
    void evaluateReadsDataLimitTailAndJson() throws UsageException {
        EvaluateOptions evaluate = EvaluateOptions.parse(new String[] {"--data", "x.zip", "--limit", "10", "--tail", "5",
                "--json", "--company-model", "30"}, Map.of());

        assertEquals("x.zip", evaluate.data().toString());
        assertEquals(10, evaluate.limit());
        assertEquals(5, evaluate.tailRows());
        assertTrue(evaluate.json());
        assertEquals(ModelOptions.DEFAULT.withCompanyModel(30), evaluate.model());
        assertEquals(Long.MAX_VALUE, EvaluateOptions.parse(new String[0], Map.of()).limit());
        assertEquals(null, EvaluateOptions.parse(new String[0], Map.of()).data(), "the embedded data set");
    }

    @Test
    void refusesHashBitsOutsideTheirRange() {
        UsageException e = assertThrows(UsageException.class,
                () -> ServerOptions.parse(new String[] {"--hash-bits", "25"}, Map.of()));
        assertTrue(e.getMessage().contains("--hash-bits: expected an integer 4..24, got \"25\""), e.getMessage());
    }

    @Test
    void refusesAModelNumberInTheModelsOwnWordsNamingWhereTheValueCameFrom() {
        assertEquals("--alpha: expected a positive number, got \"0\"", refusal(new String[] {"--alpha", "0"}, Map.of()));
        assertEquals("--recency: expected 0 or a positive number, got \"Infinity\"",
                refusal(new String[] {"--recency", "Infinity"}, Map.of()));
        assertEquals("LEDGERLEARN_GLOBAL_PRIOR: expected 0 or a positive number, got \"lots\"",
                refusal(new String[0], Map.of("LEDGERLEARN_GLOBAL_PRIOR", "lots")));
    }

    private static String refusal(String[] args, Map<String, String> env) {
        return assertThrows(UsageException.class, () -> ServerOptions.parse(args, env)).getMessage();
    }
}
