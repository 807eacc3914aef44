package io.mentorium.application.conversation;

import static io.mentorium.application.conversation.ConversationFixture.AZIZ;
import static io.mentorium.application.conversation.ConversationFixture.AZIZ_CODE;
import static io.mentorium.application.conversation.ConversationFixture.EXPIRED_CODE;
import static io.mentorium.application.conversation.ConversationFixture.KARIMOVA_EMAIL;
import static io.mentorium.application.conversation.ConversationFixture.MALIKA;
import static io.mentorium.application.conversation.ConversationFixture.MALIKA_CODE;
import static io.mentorium.application.conversation.ConversationFixture.ODD_CODE;
import static io.mentorium.application.conversation.ConversationFixture.ODD_EMAIL;
import static io.mentorium.application.conversation.ConversationFixture.RAVSHAN_CODE;
import static io.mentorium.application.conversation.ConversationFixture.TIMUR_CODE;
import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.conversation.ConversationFixture.Chat;
import io.mentorium.application.port.out.ConversationStore.Conversation;
import io.mentorium.application.port.out.LinkAttemptLog;
import io.mentorium.application.port.out.Messenger.AnswerCallback;
import io.mentorium.application.port.out.Messenger.Button;
import io.mentorium.application.port.out.Messenger.EditText;
import io.mentorium.application.port.out.Messenger.Keyboard;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.parent.LearnerLink;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.shared.Email;
import io.mentorium.domain.shared.Language;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class RegistrationConversationTest {

    private final ConversationFixture bot = new ConversationFixture();

    /** A new person up to the point where the bot asks for the e-mail. */
    private Chat registered(Language language) {
        return registered(language, 1001);
    }

    private Chat registered(Language language, long userId) {
        Chat chat = bot.chat(userId, language.code());
        chat.say("/start");
        chat.pressLabel(bot.label(language, MessageKey.BUTTON_SELECTED, bot.label(language, MessageKey.LANGUAGE_NAME)));
        return chat;
    }

    /** A registered parent at the code step. */
    private Chat atCodeStep(Language language) {
        Chat chat = registered(language);
        chat.say(KARIMOVA_EMAIL);
        return chat;
    }

    /** A registered parent with no child linked, outside any flow. */
    private Chat outsideAnyFlow(Language language) {
        Chat chat = registered(language);
        chat.say("/cancel");
        return chat;
    }

    /** A registered parent, outside any flow, with as many children linked as allowed. */
    private Chat withTheMostChildrenAllowed() {
        Chat chat = outsideAnyFlow(Language.EN);
        Parent full = bot.parent(chat).orElseThrow();
        for (int i = 0; i < Parent.MAX_CHILDREN; i++) {
            full.link(new LearnerId("FULL-" + i), new Email(KARIMOVA_EMAIL), ConversationFixture.NOW);
        }
        bot.parents.save(full);
        return chat;
    }

    private List<LearnerId> linked(Chat chat) {
        return bot.parent(chat).map(Parent::learnerIds).orElse(List.of());
    }

    private String step(Chat chat) {
        return bot.state(chat).map(Conversation::step).orElse("none");
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void aNewParentRegistersAndLinksTwoChildrenInTheirLanguage(Language language) {
        Chat chat = bot.chat(1001, language.code());

        chat.say("/start");
        assertThat(chat.lastTexts()).isEqualTo(bot.text(language, MessageKey.CHOOSE_LANGUAGE));
        String selected = bot.label(language, MessageKey.BUTTON_SELECTED, bot.label(language, MessageKey.LANGUAGE_NAME));
        assertThat(chat.buttons().map(Button::label)).hasSize(3).contains(selected);

        chat.pressLabel(selected);
        assertThat(bot.parent(chat)).map(Parent::language).contains(language);
        assertThat(chat.callbackAnswers()).hasSize(1);
        assertThat(chat.lastTexts()).contains(bot.text(language, MessageKey.WELCOME), bot.text(language,
                MessageKey.ASK_EMAIL));

        chat.say("  Aziza.Karimova@Example.com ");
        assertThat(chat.lastTexts()).isEqualTo(bot.text(language, MessageKey.ASK_CODE, KARIMOVA_EMAIL));

        chat.say(AZIZ_CODE.toLowerCase());
        assertThat(chat.lastTexts()).contains("<b>Aziz Karimov</b>").contains(bot.text(language,
                MessageKey.CHILD_WITH_GRADE, "Aziz Karimov", "7"));
        assertThat(linked(chat)).isEmpty();

        chat.pressLabel(bot.label(language, MessageKey.BUTTON_YES));
        assertThat(linked(chat)).containsExactly(AZIZ.id());
        assertThat(chat.lastTexts()).contains(bot.text(language, MessageKey.CHILD_LINKED,
                new Markup(bot.text(language, MessageKey.CHILD_WITH_GRADE, "Aziz Karimov", "7"))));
        assertThat(chat.replyKeyboard()).isPresent();
        assertThat(chat.replyKeyboard().get().rows()).hasSize(3).allSatisfy(row -> assertThat(row).hasSize(2));
        assertThat(chat.replyKeyboard().get().rows().getFirst().getFirst())
                .isEqualTo(bot.label(language, MessageKey.MENU_CHILDREN));
        assertThat(step(chat)).isEqualTo("none");

        chat.say(bot.label(language, MessageKey.MENU_CHILDREN));
        chat.pressLabel(bot.label(language, MessageKey.BUTTON_ADD_CHILD));
        assertThat(chat.lastTexts()).isEqualTo(bot.text(language, MessageKey.ASK_EMAIL));
        chat.say(KARIMOVA_EMAIL);
        chat.say(MALIKA_CODE);
        chat.pressLabel(bot.label(language, MessageKey.BUTTON_YES));

        assertThat(linked(chat)).containsExactly(AZIZ.id(), MALIKA.id());
        chat.say(bot.label(language, MessageKey.MENU_CHILDREN));
        assertThat(chat.lastTexts()).contains("Aziz Karimov", "Malika Karimova");
    }

    @Test
    void theLanguagePromptFollowsTheClientLanguageAndFallsBackToTheDefault() {
        Chat english = bot.chat(2001, "en-GB");
        Chat german = bot.chat(2002, "de");
        Chat unknown = bot.chat(2003, null);

        english.say("/start");
        german.say("/start");
        unknown.say("/start");

        assertThat(english.lastTexts()).isEqualTo(bot.text(Language.EN, MessageKey.CHOOSE_LANGUAGE));
        assertThat(german.lastTexts()).isEqualTo(bot.text(Language.RU, MessageKey.CHOOSE_LANGUAGE));
        assertThat(unknown.lastTexts()).isEqualTo(bot.text(Language.RU, MessageKey.CHOOSE_LANGUAGE));
        assertThat(german.buttons().map(Button::label)).contains("✅ Русский", "Oʻzbekcha", "English");
        assertThat(bot.parents.count()).isZero();
    }

    @Test
    void anotherLanguageThanThePreselectedOneCanBeChosen() {
        Chat chat = bot.chat(1001, "ru");
        chat.say("/start");

        chat.pressLabel("Oʻzbekcha");

        assertThat(bot.parent(chat)).map(Parent::language).contains(Language.UZ);
        assertThat(chat.replies.getFirst()).isInstanceOf(AnswerCallback.class);
        assertThat(chat.replies.get(1)).isInstanceOf(EditText.class);
        assertThat(((EditText) chat.replies.get(1)).buttons()).isEqualTo(Keyboard.Inline.NONE);
        assertThat(chat.lastTexts()).contains(bot.text(Language.UZ, MessageKey.ASK_EMAIL));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(quoteCharacter = '"', value = {"English, EN", "русский, RU", "🇷🇺 Русский, RU", "✅ Oʻzbekcha, UZ",
            "o'zbek tili, UZ", "на английском, EN", "по-русски, RU", "uz, UZ", "English please, EN"})
    void aStrangerWhoTypesALanguageInsteadOfPressingItStartsInIt(String typed, Language language) {
        Chat chat = bot.chat(1001, "ru");

        chat.say(typed);

        assertThat(bot.parent(chat)).map(Parent::language).contains(language);
        assertThat(chat.lastTexts()).contains(bot.text(language, MessageKey.ASK_EMAIL));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "I speak English", "Русский или английский?", "en en", "Englishman"})
    void aSentenceThatMentionsALanguageIsNoChoice(String typed) {
        Chat chat = bot.chat(1001, "en");

        chat.say(typed);

        assertThat(bot.parents.count()).isZero();
        assertThat(chat.lastTexts()).isEqualTo(bot.text(Language.EN, MessageKey.CHOOSE_LANGUAGE));
    }

    @Test
    void aMalformedEmailIsAnsweredAndTheStepStays() {
        Chat chat = registered(Language.EN);
        Optional<Conversation> before = bot.state(chat);

        chat.say("aziza at example dot com");

        assertThat(chat.lastTexts()).isEqualTo(bot.text(Language.EN, MessageKey.INVALID_EMAIL));
        assertThat(bot.state(chat)).map(Conversation::values).isEqualTo(before.map(Conversation::values));
        assertThat(step(chat)).isEqualTo("email");
    }

    @Test
    void aWrongCodeAndAnUnknownEmailGetTheSameNeutralAnswerWithAttemptsLeft() {
        Chat wrongCode = atCodeStep(Language.EN);
        wrongCode.say("WRONG-CODE");

        Chat unknownEmail = bot.chat(1002, "en");
        unknownEmail.say("/start");
        unknownEmail.pressLabel("✅ English");
        unknownEmail.say("nobody@example.org");
        unknownEmail.say(AZIZ_CODE);

        String expected = bot.text(Language.EN, MessageKey.CODE_REJECTED, 4);
        assertThat(wrongCode.lastTexts()).isEqualTo(expected);
        assertThat(unknownEmail.lastTexts()).isEqualTo(expected);
        assertThat(linked(wrongCode)).isEmpty();
        assertThat(linked(unknownEmail)).isEmpty();
        assertThat(step(wrongCode)).isEqualTo("code");
    }

    @Test
    void anotherFamilysCodeIsRejectedLikeAWrongOne() {
        Chat chat = atCodeStep(Language.RU);

        chat.say(TIMUR_CODE);

        assertThat(chat.lastTexts()).isEqualTo(bot.text(Language.RU, MessageKey.CODE_REJECTED, 4));
        assertThat(linked(chat)).isEmpty();
    }

    @Test
    void aDifferentEmailCanBeGivenAtTheCodeStep() {
        Chat chat = atCodeStep(Language.EN);

        chat.say(ODD_EMAIL);
        chat.say(ODD_CODE);

        assertThat(chat.lastTexts()).contains(bot.text(Language.EN, MessageKey.CONFIRM_CHILD,
                new Markup(bot.text(Language.EN, MessageKey.CHILD_WITH_GRADE, "<script>&Bobby", "5<b>"))));
    }

    @Test
    void fiveWrongCodesLockTheParentOutWithTheMinutesLeftRoundedUp() {
        Chat chat = atCodeStep(Language.EN);
        for (int i = 0; i < 4; i++) {
            chat.say("WRONG-" + i);
            bot.clock.advance(Duration.ofSeconds(30));
        }

        chat.say("WRONG-LAST");

        // The first failure was two minutes ago: the lock lifts 58 minutes from now.
        assertThat(chat.lastTexts()).isEqualTo(bot.text(Language.EN, MessageKey.LOCKED_OUT, 58L));
        assertThat(step(chat)).isEqualTo("none");
        assertThat(chat.replyKeyboard()).isPresent();

        bot.clock.advance(Duration.ofSeconds(20));
        chat.say(bot.label(Language.EN, MessageKey.MENU_CHILDREN));
        chat.pressLabel(bot.label(Language.EN, MessageKey.BUTTON_ADD_CHILD));
        chat.say(KARIMOVA_EMAIL);
        chat.say(AZIZ_CODE);

        assertThat(chat.lastTexts()).isEqualTo(bot.text(Language.EN, MessageKey.LOCKED_OUT, 58L));
        assertThat(linked(chat)).isEmpty();
    }

    @Test
    void minutesAreRoundedUp() {
        assertThat(Registration.minutesRoundedUp(Duration.ofSeconds(1))).isEqualTo(1);
        assertThat(Registration.minutesRoundedUp(Duration.ofSeconds(60))).isEqualTo(1);
        assertThat(Registration.minutesRoundedUp(Duration.ofSeconds(61))).isEqualTo(2);
        assertThat(Registration.minutesRoundedUp(Duration.ZERO)).isEqualTo(1);
    }

    @Test
    void anExpiredCodeIsExplainedAndTheParentMayTypeANewOne() {
        Chat chat = atCodeStep(Language.RU);

        chat.say(EXPIRED_CODE);

        assertThat(chat.lastTexts()).isEqualTo(bot.text(Language.RU, MessageKey.CODE_EXPIRED));
        assertThat(step(chat)).isEqualTo("code");
        chat.say(MALIKA_CODE);
        chat.pressLabel(bot.label(Language.RU, MessageKey.BUTTON_YES));
        assertThat(linked(chat)).containsExactly(MALIKA.id());
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void aRightCodeOfADeactivatedAccountIsSaidToBeOneAndCostsNoAttempt(Language language) {
        Chat chat = atCodeStep(language);

        chat.say(RAVSHAN_CODE);
        chat.say(RAVSHAN_CODE);

        assertThat(chat.lastTexts()).isEqualTo(bot.text(language, MessageKey.LEARNER_INACTIVE));
        assertThat(step(chat)).isEqualTo("code");
        assertThat(linked(chat)).isEmpty();
        // No attempt lost: the next wrong code still has all but one left.
        chat.say("WRONG-0000");
        assertThat(chat.lastTexts()).isEqualTo(bot.text(language, MessageKey.CODE_REJECTED, 4));
        chat.say(MALIKA_CODE);
        chat.pressLabel(bot.label(language, MessageKey.BUTTON_YES));
        assertThat(linked(chat)).containsExactly(MALIKA.id());
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(quoteCharacter = '"', value = {"\"Где найти код?\", RU", "да, RU", "Kod qayerda, UZ", "ha, UZ",
            "\"I don't have it\", EN", "Yes, EN", "Soat 22 dan keyin yozmang, UZ", "I have 2 kids, EN", "I have 2 kids - help, EN", "🙂, RU",
            "\"?!\", EN", "У нас 2 ребёнка, RU"})
    void aSentenceOrAYesAtTheCodeStepIsNoCodeAndCostsNoAttempt(String typed, Language language) {
        Chat chat = atCodeStep(language);

        chat.say(typed);

        assertThat(chat.lastTexts()).startsWith(bot.text(language, MessageKey.NOT_A_CODE));
        assertThat(step(chat)).isEqualTo("code");
        // Nothing was checked: the first wrong code still leaves four attempts of five.
        chat.say("WRONG-0000");
        assertThat(chat.lastTexts()).isEqualTo(bot.text(language, MessageKey.CODE_REJECTED, 4));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"код " + AZIZ_CODE, "Код привязки: " + AZIZ_CODE + ".", "My code is «" + AZIZ_CODE + "»",
            "Kodim " + AZIZ_CODE, "Mana kod: " + AZIZ_CODE, "Вот КОД - aziz-7k2q!", "My code is AZIZ 7K2Q.",
            "Код: AZIZ – 7K 2Q", "мой код aziz – 7k2q"})
    void aCodeTypedInASentenceThatSaysCodeIsReadAsTheCode(String typed) {
        Chat chat = atCodeStep(Language.EN);

        chat.say(typed);
        chat.pressLabel(bot.label(Language.EN, MessageKey.BUTTON_YES));

        assertThat(linked(chat)).containsExactly(AZIZ.id());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"AZIZ 7K2Q", "aziz7k2q", "AZIZ – 7K2Q", "AZIZ - 7K 2Q", "код AZIZ7K2Q", "aziz – 7k2q",
            "Aziz - 7k 2q"})
    void aCodeTypedInGroupsOrWithoutItsDashIsTheCode(String typed) {
        Chat chat = atCodeStep(Language.EN);

        chat.say(typed);
        chat.pressLabel(bot.label(Language.EN, MessageKey.BUTTON_YES));

        assertThat(linked(chat)).containsExactly(AZIZ.id());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ABCDEF", "код 1234", "NO-CODE", "Нет5", "no_x", "481516 481516", "my 481516",
            "code 4815 16"})
    void aSingleWordOrAnythingWithADigitIsCheckedAsACode(String typed) {
        Chat chat = atCodeStep(Language.RU);

        chat.say(typed);

        assertThat(chat.lastTexts()).isEqualTo(bot.text(Language.RU, MessageKey.CODE_REJECTED, 4));
    }

    @Test
    void aChildLinkedAlreadyIsSaidSoAndTheFlowEnds() {
        Chat chat = atCodeStep(Language.EN);
        chat.say(AZIZ_CODE);
        chat.pressLabel(bot.label(Language.EN, MessageKey.BUTTON_YES));
        chat.say(bot.label(Language.EN, MessageKey.MENU_CHILDREN));
        chat.pressLabel(bot.label(Language.EN, MessageKey.BUTTON_ADD_CHILD));
        chat.say(KARIMOVA_EMAIL);

        chat.say(AZIZ_CODE);

        assertThat(chat.lastTexts()).isEqualTo(bot.text(Language.EN, MessageKey.ALREADY_LINKED,
                new Markup(bot.text(Language.EN, MessageKey.CHILD_WITH_GRADE, "Aziz Karimov", "7"))));
        assertThat(linked(chat)).containsExactly(AZIZ.id());
        assertThat(step(chat)).isEqualTo("none");
    }

    @Test
    void aParentWithTheMostChildrenAllowedCannotStartAddingAnother() {
        Chat chat = withTheMostChildrenAllowed();

        chat.press(CallbackData.encode(new CallbackData.AddChild()));

        assertThat(chat.lastTexts()).isEqualTo(bot.text(Language.EN, MessageKey.TOO_MANY_CHILDREN, 10));
        assertThat(step(chat)).isEqualTo("none");
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void anEMailAloneOutsideAFlowStartsAddingAChildWithIt(Language language) {
        Chat chat = outsideAnyFlow(language);

        chat.say(" Aziza.Karimova@Example.com");

        assertThat(chat.lastTexts()).isEqualTo(bot.text(language, MessageKey.ASK_CODE, KARIMOVA_EMAIL));
        assertThat(step(chat)).isEqualTo("code");
        chat.say(AZIZ_CODE);
        chat.pressLabel(bot.label(language, MessageKey.BUTTON_YES));
        assertThat(linked(chat)).containsExactly(AZIZ.id());
        assertThat(bot.assistant.questions).as("nothing went to the assistant").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void aLoneCodeOutsideAFlowIsToldHowLinkingGoesAndCostsNoAttempt(Language language) {
        Chat chat = outsideAnyFlow(language);

        chat.say(AZIZ_CODE);

        assertThat(chat.lastTexts()).isEqualTo(bot.text(language, MessageKey.CODE_OUTSIDE_FLOW,
                bot.label(language, MessageKey.BUTTON_ADD_CHILD)));
        assertThat(step(chat)).isEqualTo("none");
        assertThat(bot.assistant.questions).isEmpty();
        chat.pressLabel(bot.label(language, MessageKey.BUTTON_ADD_CHILD));
        assertThat(chat.lastTexts()).isEqualTo(bot.text(language, MessageKey.ASK_EMAIL));
        chat.say(KARIMOVA_EMAIL);
        chat.say("WRONG-0000");
        assertThat(chat.lastTexts()).as("the lone code was never checked")
                .isEqualTo(bot.text(language, MessageKey.CODE_REJECTED, 4));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"How is Aziz doing?", "7", "Is aziza.karimova@example.com linked?", "2+2", "abcdef"})
    void otherFreeTextOutsideAFlowIsAQuestion(String typed) {
        Chat chat = atCodeStep(Language.EN);
        chat.say(AZIZ_CODE);
        chat.pressLabel(bot.label(Language.EN, MessageKey.BUTTON_YES));

        chat.say(typed);

        assertThat(bot.assistant.questions).containsExactly(typed);
        assertThat(step(chat)).isEqualTo("none");
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void aParentWithNoChildLinkedIsToldToLinkOneBeforeAskingAndNoTrialIsDecided(Language language) {
        Chat chat = outsideAnyFlow(language);
        String needsAChild = bot.text(language, MessageKey.ASSISTANT_NEEDS_A_CHILD,
                bot.label(language, MessageKey.BUTTON_ADD_CHILD));

        chat.say("How is my son doing?");
        assertThat(chat.lastTexts()).isEqualTo(needsAChild);
        chat.say(bot.label(language, MessageKey.MENU_ASSISTANT));
        assertThat(chat.lastTexts()).isEqualTo(needsAChild);

        assertThat(bot.assistant.questions).isEmpty();
        chat.pressLabel(bot.label(language, MessageKey.BUTTON_ADD_CHILD));
        assertThat(chat.lastTexts()).isEqualTo(bot.text(language, MessageKey.ASK_EMAIL));
    }

    @Test
    void anEMailOutsideAFlowFromAParentWithTheMostChildrenSaysSo() {
        Chat chat = withTheMostChildrenAllowed();

        chat.say(KARIMOVA_EMAIL);

        assertThat(chat.lastTexts()).isEqualTo(bot.text(Language.EN, MessageKey.TOO_MANY_CHILDREN, 10));
        assertThat(step(chat)).isEqualTo("none");
    }

    @Test
    void answeringNoKeepsTheChildUnlinkedAndAsksForTheCodeAgain() {
        Chat chat = atCodeStep(Language.EN);
        chat.say(AZIZ_CODE);

        chat.pressLabel(bot.label(Language.EN, MessageKey.BUTTON_NO));

        assertThat(linked(chat)).isEmpty();
        assertThat(chat.lastTexts()).contains(bot.text(Language.EN, MessageKey.CHILD_NOT_CONFIRMED));
        assertThat(step(chat)).isEqualTo("code");
        assertThat(bot.state(chat).orElseThrow().values()).containsOnlyKeys("email");
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(quoteCharacter = '"', value = {"да, RU", "\"Да, это он\", RU", "✅ Да, RU", "Ha, UZ", "ha togri, UZ",
            "ҳа, UZ", "yes, EN", "\"Yes, that's him!\", EN", "yes in Russian chat, RU"})
    void aYesTypedInsteadOfPressedLinksTheChild(String typed, Language language) {
        Chat chat = atCodeStep(language);
        chat.say(AZIZ_CODE);
        String yes = chat.button(button -> button.label().equals(bot.label(language, MessageKey.BUTTON_YES))).data();

        chat.say(typed);

        assertThat(linked(chat)).containsExactly(AZIZ.id());
        assertThat(chat.lastTexts()).contains(bot.text(language, MessageKey.CHILD_LINKED,
                new Markup(bot.text(language, MessageKey.CHILD_WITH_GRADE, "Aziz Karimov", "7"))));
        assertThat(step(chat)).isEqualTo("none");
        // The question's own Yes, pressed after the typed one, changes nothing.
        chat.press(yes);
        assertThat(chat.callbackAnswers()).extracting(AnswerCallback::notice)
                .containsExactly(Optional.of(bot.label(language, MessageKey.STALE_BUTTON)));
        assertThat(linked(chat)).containsExactly(AZIZ.id());
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(quoteCharacter = '"', value = {"нет, RU", "\"Нет, не он\", RU", "Yoʻq, UZ", "yo'q, UZ", "йўқ, UZ",
            "no, EN", "\"No, wrong child\", EN"})
    void aNoTypedInsteadOfPressedAsksForTheCodeAgain(String typed, Language language) {
        Chat chat = atCodeStep(language);
        chat.say(AZIZ_CODE);

        chat.say(typed);

        assertThat(linked(chat)).isEmpty();
        assertThat(chat.lastTexts()).isEqualTo(bot.text(language, MessageKey.CHILD_NOT_CONFIRMED));
        assertThat(step(chat)).isEqualTo("code");
        assertThat(bot.state(chat).orElseThrow().values()).containsOnlyKeys("email");
    }

    @ParameterizedTest
    @ValueSource(strings = {"maybe", "да нет", "yes and no", "не знаю, да", "Как дела у Джасура?",
            "yes yes yes yes yes yes yes"})
    void aTextThatIsNeitherYesNorNoAsksAgain(String typed) {
        Chat chat = atCodeStep(Language.EN);
        chat.say(AZIZ_CODE);

        chat.say(typed);

        assertThat(linked(chat)).isEmpty();
        assertThat(chat.lastTexts()).startsWith(bot.text(Language.EN, MessageKey.ANSWER_WITH_BUTTONS));
        assertThat(step(chat)).isEqualTo("confirm-child");
    }

    @Test
    void stickersAndPhotosWhereTextIsExpectedAskForTextAndRepeatThePrompt() {
        Chat chat = registered(Language.EN);

        chat.sticker();
        assertThat(chat.lastTexts()).isEqualTo(bot.text(Language.EN, MessageKey.ONLY_TEXT) + "\n\n"
                + bot.text(Language.EN, MessageKey.ASK_EMAIL));
        assertThat(step(chat)).isEqualTo("email");

        chat.say(KARIMOVA_EMAIL);
        chat.sticker();
        assertThat(chat.lastTexts()).endsWith(bot.text(Language.EN, MessageKey.ASK_CODE, KARIMOVA_EMAIL));
        assertThat(step(chat)).isEqualTo("code");

        chat.say(AZIZ_CODE);
        chat.sticker();
        assertThat(chat.lastTexts()).startsWith(bot.text(Language.EN, MessageKey.ANSWER_WITH_BUTTONS));
        assertThat(chat.buttons().map(Button::label)).containsExactly(bot.label(Language.EN, MessageKey.BUTTON_YES),
                bot.label(Language.EN, MessageKey.BUTTON_NO));
        assertThat(step(chat)).isEqualTo("confirm-child");
        assertThat(linked(chat)).isEmpty();
    }

    @Test
    void aTenThousandCharacterMessageIsNeitherReadNorEchoed() {
        String huge = "<b>" + "x".repeat(10_000) + "@example.com";
        Chat atEmail = registered(Language.EN, 1002);
        Chat atCode = atCodeStep(Language.EN);

        atEmail.say(huge);
        atCode.say("A".repeat(10_000));

        assertThat(atEmail.lastTexts()).startsWith(bot.text(Language.EN, MessageKey.TOO_LONG)).doesNotContain("xxxx");
        assertThat(atCode.lastTexts()).startsWith(bot.text(Language.EN, MessageKey.TOO_LONG)).doesNotContain("AAAA");
        assertThat(step(atEmail)).isEqualTo("email");
        assertThat(step(atCode)).isEqualTo("code");
        assertThat(bot.attempts.all()).as("no code was checked").isEmpty();
    }

    @Test
    void aTypedEmailIsEscapedWhereItIsEchoed() {
        Chat chat = registered(Language.EN);

        chat.say("<script>&x@example.com");

        assertThat(chat.lastTexts()).contains("<code>&lt;script&gt;&amp;x@example.com</code>")
                .doesNotContain("<script>");
    }

    @Test
    void aChildsNameFromThePlatformIsEscapedInTheQuestionAndTheList() {
        Chat chat = registered(Language.EN);
        chat.say(ODD_EMAIL);

        chat.say(ODD_CODE);
        String question = chat.lastTexts();
        chat.pressLabel(bot.label(Language.EN, MessageKey.BUTTON_YES));
        chat.say(bot.label(Language.EN, MessageKey.MENU_CHILDREN));

        assertThat(question).contains("<b>&lt;script&gt;&amp;Bobby</b>, grade 5&lt;b&gt;").doesNotContain("<script>");
        assertThat(chat.lastTexts()).contains("&lt;script&gt;&amp;Bobby").doesNotContain("<script>");
        assertThat(chat.buttons().map(Button::label)).contains(bot.label(Language.EN, MessageKey.BUTTON_UNLINK,
                "<script>&Bobby"));
    }

    @Test
    void aConfirmationButtonFromAnEndedFlowIsStaleAndChangesNothing() {
        Chat chat = atCodeStep(Language.EN);
        chat.say(AZIZ_CODE);
        String yes = chat.button(button -> button.label().equals(bot.label(Language.EN, MessageKey.BUTTON_YES))).data();
        chat.say("/cancel");

        chat.press(yes);

        assertThat(chat.callbackAnswers()).containsExactly(new AnswerCallback(chat.sender.chatId(), "cb-2",
                Optional.of(bot.label(Language.EN, MessageKey.STALE_BUTTON))));
        assertThat(chat.replies).hasSize(1);
        assertThat(linked(chat)).isEmpty();
    }

    @Test
    void aConfirmationButtonForAnotherChildIsStale() {
        Chat chat = atCodeStep(Language.EN);
        chat.say(AZIZ_CODE);

        chat.press(CallbackData.encode(new CallbackData.ConfirmChild(LearnerRef.of(MALIKA.id()))));

        assertThat(chat.callbackAnswers()).extracting(AnswerCallback::notice)
                .containsExactly(Optional.of(bot.label(Language.EN, MessageKey.STALE_BUTTON)));
        assertThat(linked(chat)).isEmpty();
        assertThat(step(chat)).isEqualTo("confirm-child");
    }

    @Test
    void cancelLeavesTheFlowAndShowsTheMenu() {
        Chat chat = atCodeStep(Language.UZ);

        chat.say("/cancel");

        assertThat(chat.lastTexts()).isEqualTo(bot.text(Language.UZ, MessageKey.CANCELLED));
        assertThat(chat.replyKeyboard()).isPresent();
        assertThat(step(chat)).isEqualTo("none");
        chat.say(AZIZ_CODE);
        assertThat(chat.lastTexts()).as("outside the flow a code is not checked")
                .isEqualTo(bot.text(Language.UZ, MessageKey.CODE_OUTSIDE_FLOW,
                        bot.label(Language.UZ, MessageKey.BUTTON_ADD_CHILD)));
        assertThat(bot.attempts.all()).isEmpty();
    }

    @Test
    void aStateOlderThanThirtyMinutesBehavesAsNoState() {
        Chat chat = atCodeStep(Language.EN);
        bot.clock.advance(Duration.ofMinutes(29));
        chat.say("WRONG-1");
        assertThat(step(chat)).as("each input extends the state").isEqualTo("code");

        bot.clock.advance(Duration.ofMinutes(31));
        chat.say(AZIZ_CODE);

        assertThat(chat.lastTexts()).isEqualTo(bot.text(Language.EN, MessageKey.CODE_OUTSIDE_FLOW,
                bot.label(Language.EN, MessageKey.BUTTON_ADD_CHILD)));
        assertThat(bot.attempts.all()).extracting(LinkAttemptLog.LinkAttempt::outcome)
                .containsExactly(LinkAttemptLog.Outcome.REJECTED);
        assertThat(linked(chat)).isEmpty();
    }

    @Test
    void aMenuKeyDuringTheFlowLeavesIt() {
        Chat chat = atCodeStep(Language.EN);

        chat.say(bot.label(Language.EN, MessageKey.MENU_HELP));

        assertThat(chat.lastTexts()).isEqualTo(bot.text(Language.EN, MessageKey.HELP));
        assertThat(step(chat)).isEqualTo("none");
    }

    @Test
    void onlyTheLinkIsWrittenWhenTheParentConfirms() {
        Chat chat = atCodeStep(Language.EN);
        chat.say(AZIZ_CODE);

        chat.pressLabel(bot.label(Language.EN, MessageKey.BUTTON_YES));

        assertThat(bot.parent(chat).orElseThrow().links()).containsExactly(
                new LearnerLink(AZIZ.id(), new Email(KARIMOVA_EMAIL), ConversationFixture.NOW));
        List<Object> kinds = new ArrayList<>();
        chat.replies.forEach(reply -> kinds.add(reply.getClass().getSimpleName()));
        assertThat(kinds).containsExactly("AnswerCallback", "EditText", "SendText");
        assertThat(((SendText) chat.replies.get(2)).keyboard()).isInstanceOf(Keyboard.Reply.class);
    }
}
