package io.mentorium.application.port.out.contract;

import static io.mentorium.application.port.out.contract.ContractData.minutes;
import static io.mentorium.application.port.out.contract.ContractData.parentId;
import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.port.out.DialogRepository;
import io.mentorium.application.testing.InMemoryDialogRepository;
import io.mentorium.domain.dialog.DialogMessage;
import io.mentorium.domain.dialog.DialogRole;
import io.mentorium.domain.dialog.TokenUsage;
import org.junit.jupiter.api.Test;

class InMemoryDialogRepositoryContractTest extends DialogRepositoryContract {

    @Override
    protected DialogRepository emptyRepository() {
        return new InMemoryDialogRepository();
    }

    @Test
    void the_fake_keeps_what_each_answer_cost() {
        TokenUsage usage = new TokenUsage(120, 118, 5, 6);

        dialogs.appendExchange(new DialogMessage(parentId(1), DialogRole.USER, "?", 1, minutes(1)),
                new DialogMessage(parentId(1), DialogRole.ASSISTANT, "!", 1, minutes(1)), usage);

        assertThat(((InMemoryDialogRepository) dialogs).usages()).containsExactly(usage);
    }
}
