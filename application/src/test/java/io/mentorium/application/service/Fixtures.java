package io.mentorium.application.service;

import io.mentorium.application.testing.InMemoryPlatform;
import io.mentorium.domain.learner.Learner;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.learner.LinkCode;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.parent.ParentRole;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.Email;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Two families on the platform: the Karimovs (two children, two guardian e-mails) and the Rashidovs (one child), and
 * three Telegram users.
 */
final class Fixtures {

    /** Wednesday 12 March 2025, 15:00 in Tashkent. */
    static final Instant NOW = Instant.parse("2025-03-12T10:00:00Z");
    static final ZoneId TASHKENT = ZoneId.of("Asia/Tashkent");

    static final Email MOTHER_EMAIL = new Email("aziza.karimova@example.com");
    static final Email FATHER_EMAIL = new Email("rustam.karimov@example.com");
    static final Email RASHIDOV_EMAIL = new Email("dilnoza.rashidova@example.com");
    static final Email UNKNOWN_EMAIL = new Email("nobody.known@example.org");

    static final TelegramUserId MOTHER = new TelegramUserId(1001);
    static final TelegramUserId FATHER = new TelegramUserId(1002);
    static final TelegramUserId STRANGER = new TelegramUserId(1003);

    static final Learner AZIZ = learner("L-1", "Aziz Karimov", TASHKENT);
    static final Learner MALIKA = learner("L-2", "Malika Karimova", TASHKENT);
    static final Learner TIMUR = learner("L-9", "Timur Rashidov", TASHKENT);

    static final String AZIZ_CODE = "AZIZ-7K2Q";
    static final String MALIKA_CODE = "MALI-4P8D";
    static final String TIMUR_CODE = "TIMU-9X3Z";
    /** Malika's code runs out at the end of March. */
    static final Instant MALIKA_CODE_EXPIRES = Instant.parse("2025-04-01T00:00:00Z");

    private Fixtures() {
    }

    static Learner learner(String id, String name, ZoneId zone) {
        return new Learner(new LearnerId(id), name, Optional.of("7"), zone, true);
    }

    static Learner deactivated(Learner learner) {
        return new Learner(learner.id(), learner.fullName(), learner.grade(), learner.timeZone(), false);
    }

    static InMemoryPlatform families() {
        return new InMemoryPlatform()
                .learner(AZIZ, MOTHER_EMAIL, FATHER_EMAIL)
                .learner(MALIKA, MOTHER_EMAIL)
                .learner(TIMUR, RASHIDOV_EMAIL)
                .code(new LinkCode(AZIZ.id(), AZIZ_CODE, Optional.empty()))
                .code(new LinkCode(MALIKA.id(), MALIKA_CODE, Optional.of(MALIKA_CODE_EXPIRES)))
                .code(new LinkCode(TIMUR.id(), TIMUR_CODE, Optional.empty()));
    }

    static Parent registered(TelegramUserId id) {
        return Parent.register(id, new ChatId(id.value()), Language.RU, ParentRole.PARENT,
                NOW.minus(Duration.ofDays(1)));
    }

    /** A registered parent with these learners linked through {@code via}, in this order. */
    static Parent linked(TelegramUserId id, Email via, LearnerId... learners) {
        Parent parent = registered(id);
        for (LearnerId learner : learners) {
            parent.link(learner, via, NOW.minus(Duration.ofHours(1)));
        }
        return parent;
    }
}
