/** OpenAI adapter: implements the AI assistant out-port on top of the OpenAI API. */
package io.mentorium.adapters.openai;
