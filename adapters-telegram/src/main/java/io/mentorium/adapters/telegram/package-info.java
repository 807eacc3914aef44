/** Telegram adapter: updates from parents in (driving), messages out through the Messenger port (driven). */
package io.mentorium.adapters.telegram;
