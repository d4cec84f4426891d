package ledgerlearn.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class ApiClientTest {

    @Test
    void aRefusalSaysWhichRolesTheCommandsNeedOnlyWhenARoleWasMissing() {
        assertTrue(ApiClient.authHint(403, "token lacks the writer role needed for POST /sample").contains("writer role"));
        assertEquals("", ApiClient.authHint(403,
                "sample 161: CompanyId \"int:d113597\" is not one of this token's companies; nothing was stored"));
        assertTrue(ApiClient.authHint(401, "missing or unknown API token").contains("--token-file"));
        assertEquals("", ApiClient.authHint(400, "sample 3: BankEntryDate must be YYYY-MM-DD"));
    }
}
