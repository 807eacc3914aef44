/**
 * What the assistant may do for a parent, with or without the language model.
 *
 * <ul>
 *   <li>{@link io.mentorium.application.assistant.AssistantTools} executes the model's function calls with one parent's
 *       authority: children are named by alias or first name, never by platform id, and results hold only what a
 *       parent may show a model (first names, titles, figures, dates).</li>
 *   <li>{@link io.mentorium.application.assistant.Intents} tells from a parent's words in Russian, Uzbek or English what
 *       they ask, which child they mean and which quiet hours they name; it also picks the prompt template.</li>
 *   <li>{@link io.mentorium.application.assistant.OfflineAssistant} answers when the model cannot, by calling the same
 *       tools and putting their results into fixed sentences.</li>
 * </ul>
 */
package io.mentorium.application.assistant;
