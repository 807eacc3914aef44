package io.mentorium.adapters.telegram.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Updates as Telegram sends them (JSON, without {@code update_id}: {@link BotApiStandIn#enqueueUpdates} numbers them).
 * Start from a {@link Person}: {@code TelegramUpdates.person(1001, "ru").text("hello")}.
 */
public final class TelegramUpdates {

    static final ObjectMapper JSON = new ObjectMapper();
    /** The stand-in bot's own user, as it appears in messages it sent and in membership changes. */
    static final long BOT_USER_ID = 123456789L;

    private static final AtomicLong MESSAGE_IDS = new AtomicLong(1);
    private static final AtomicLong CALLBACK_IDS = new AtomicLong(1);
    private static final AtomicLong PAYMENT_IDS = new AtomicLong(1);

    private TelegramUpdates() {
    }

    public static Person person(long userId, String languageCode) {
        return new Person(userId, Optional.ofNullable(languageCode));
    }

    public static Person person(long userId) {
        return new Person(userId, Optional.empty());
    }

    /** A message posted in a group the bot is in. */
    public static ObjectNode groupText(long groupChatId, Person from, String text) {
        ObjectNode chat = JSON.createObjectNode().put("id", groupChatId).put("type", "group").put("title", "Parents");
        ObjectNode message = from.message(chat).put("text", text);
        return update("message", message);
    }

    /** A post in a channel (no sender). */
    public static ObjectNode channelPost(long channelId, String text) {
        ObjectNode chat = JSON.createObjectNode().put("id", channelId).put("type", "channel").put("title", "News");
        ObjectNode post = JSON.createObjectNode().put("message_id", MESSAGE_IDS.getAndIncrement());
        post.set("chat", chat);
        post.put("date", now()).put("text", text);
        return update("channel_post", post);
    }

    /** Someone who writes to the bot in a private chat (whose chat id is their user id). */
    public record Person(long userId, Optional<String> languageCode) {

        public long chatId() {
            return userId;
        }

        public ObjectNode text(String text) {
            return update("message", privateMessage().put("text", text));
        }

        /** {@code command("start")} or {@code command("start", "payload")}: the text with a bot_command entity. */
        public ObjectNode command(String name, String... argument) {
            String command = "/" + name;
            String text = argument.length == 0 ? command : command + " " + String.join(" ", argument);
            ObjectNode message = privateMessage().put("text", text);
            ArrayNode entities = message.putArray("entities");
            entities.addObject().put("type", "bot_command").put("offset", 0).put("length", command.length());
            return update("message", message);
        }

        public ObjectNode editedText(String text) {
            return update("edited_message", privateMessage().put("text", text).put("edit_date", now()));
        }

        /** A press on an inline button under {@code messageId}, a message the bot sent. */
        public ObjectNode pressed(long messageId, String data) {
            ObjectNode message = JSON.createObjectNode().put("message_id", messageId);
            message.set("from", botUser());
            message.set("chat", chat());
            message.put("date", now()).put("text", "…");
            return callback(message, data);
        }

        /** A press under a message too old for Telegram to show us (an "inaccessible message": date 0). */
        public ObjectNode pressedOnInaccessibleMessage(long messageId, String data) {
            ObjectNode message = JSON.createObjectNode();
            message.set("chat", chat());
            message.put("message_id", messageId).put("date", 0);
            return callback(message, data);
        }

        public ObjectNode sticker() {
            return media("sticker", file().put("type", "regular").put("width", 512).put("height", 512)
                    .put("is_animated", false).put("is_video", false));
        }

        public ObjectNode photo() {
            ObjectNode message = privateMessage();
            message.putArray("photo").add(file().put("width", 90).put("height", 90));
            return update("message", message);
        }

        public ObjectNode voice() {
            return media("voice", file().put("duration", 3));
        }

        public ObjectNode video() {
            return media("video", file().put("width", 640).put("height", 480).put("duration", 5));
        }

        public ObjectNode videoNote() {
            return media("video_note", file().put("length", 240).put("duration", 5));
        }

        public ObjectNode document() {
            return media("document", file().put("file_name", "homework.pdf"));
        }

        public ObjectNode audio() {
            return media("audio", file().put("duration", 120));
        }

        public ObjectNode location() {
            return media("location", JSON.createObjectNode().put("latitude", 41.31).put("longitude", 69.28));
        }

        public ObjectNode contact() {
            return media("contact", JSON.createObjectNode().put("phone_number", "+998901234567")
                    .put("first_name", "Grandma"));
        }

        public ObjectNode poll() {
            ObjectNode poll = JSON.createObjectNode().put("id", "poll-1").put("question", "Which day?");
            poll.putArray("options").addObject().put("text", "Monday").put("voter_count", 0);
            poll.put("total_voter_count", 0).put("is_closed", false).put("is_anonymous", true).put("type", "regular")
                    .put("allows_multiple_answers", false);
            return media("poll", poll);
        }

        /**
         * The person confirmed a Stars payment in the invoice's form: Telegram's {@code pre_checkout_query} (currency
         * {@code XTR}), which the bot must answer within 10 seconds.
         */
        public ObjectNode preCheckout(String queryId, String payload, long stars) {
            ObjectNode query = JSON.createObjectNode().put("id", queryId);
            query.set("from", user());
            query.put("currency", "XTR").put("total_amount", stars).put("invoice_payload", payload);
            return update("pre_checkout_query", query);
        }

        /** {@link #preCheckout(String, String, long)} with a fresh query id. */
        public ObjectNode preCheckout(String payload, long stars) {
            return preCheckout("pcq-" + PAYMENT_IDS.getAndIncrement(), payload, stars);
        }

        /** The service message saying the person paid: {@code successful_payment} in {@code XTR}. */
        public ObjectNode paid(String payload, long stars, String chargeId) {
            ObjectNode payment = JSON.createObjectNode().put("currency", "XTR").put("total_amount", stars)
                    .put("invoice_payload", payload).put("telegram_payment_charge_id", chargeId)
                    // Telegram's docs give Stars payments no provider charge; real updates carry an empty one.
                    .put("provider_payment_charge_id", "");
            return media("successful_payment", payment);
        }

        /** {@link #paid(String, long, String)} with a fresh charge id (read it back from the update). */
        public ObjectNode paid(String payload, long stars) {
            return paid(payload, stars, "stxCharge" + PAYMENT_IDS.getAndIncrement() + "-" + userId);
        }

        /** The service message Telegram sends after {@code refundStarPayment}: {@code refunded_payment}. */
        public ObjectNode refunded(String payload, long stars, String chargeId) {
            ObjectNode refund = JSON.createObjectNode().put("currency", "XTR").put("total_amount", stars)
                    .put("invoice_payload", payload).put("telegram_payment_charge_id", chargeId);
            return media("refunded_payment", refund);
        }

        /** The person blocked the bot (Telegram's {@code my_chat_member} with status {@code kicked}). */
        public ObjectNode blockedBot() {
            return membership("member", "kicked");
        }

        /** The person unblocked the bot. */
        public ObjectNode unblockedBot() {
            return membership("kicked", "member");
        }

        public ObjectNode inlineQuery(String query) {
            ObjectNode inline = JSON.createObjectNode().put("id", "iq-" + CALLBACK_IDS.getAndIncrement());
            inline.set("from", user());
            inline.put("query", query).put("offset", "");
            return update("inline_query", inline);
        }

        ObjectNode message(ObjectNode chat) {
            ObjectNode message = JSON.createObjectNode().put("message_id", MESSAGE_IDS.getAndIncrement());
            message.set("from", user());
            message.set("chat", chat);
            message.put("date", now());
            return message;
        }

        private ObjectNode privateMessage() {
            return message(chat());
        }

        private ObjectNode media(String field, ObjectNode content) {
            ObjectNode message = privateMessage();
            message.set(field, content);
            return update("message", message);
        }

        private ObjectNode callback(ObjectNode message, String data) {
            ObjectNode query = JSON.createObjectNode().put("id", "cb-" + CALLBACK_IDS.getAndIncrement());
            query.set("from", user());
            query.set("message", message);
            query.put("chat_instance", "ci-" + userId).put("data", data);
            return update("callback_query", query);
        }

        private ObjectNode membership(String oldStatus, String newStatus) {
            ObjectNode change = JSON.createObjectNode();
            change.set("chat", chat());
            change.set("from", user());
            change.put("date", now());
            ObjectNode old = change.putObject("old_chat_member").put("status", oldStatus);
            old.set("user", botUser());
            ObjectNode fresh = change.putObject("new_chat_member").put("status", newStatus);
            fresh.set("user", botUser());
            if (newStatus.equals("kicked")) {
                fresh.put("until_date", 0);
            }
            return update("my_chat_member", change);
        }

        private ObjectNode user() {
            ObjectNode user = JSON.createObjectNode().put("id", userId).put("is_bot", false)
                    .put("first_name", "Parent " + userId);
            languageCode.ifPresent(code -> user.put("language_code", code));
            return user;
        }

        private ObjectNode chat() {
            return JSON.createObjectNode().put("id", userId).put("type", "private").put("first_name", "Parent " + userId);
        }
    }

    static ObjectNode botUser() {
        return JSON.createObjectNode().put("id", BOT_USER_ID).put("is_bot", true).put("first_name", "Mentorium")
                .put("username", "mentorium_test_bot");
    }

    private static ObjectNode file() {
        long id = MESSAGE_IDS.getAndIncrement();
        return JSON.createObjectNode().put("file_id", "file-" + id).put("file_unique_id", "unique-" + id);
    }

    private static ObjectNode update(String kind, ObjectNode content) {
        ObjectNode update = JSON.createObjectNode();
        update.set(kind, content);
        return update;
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }
}
