/** OpenAI adapter: implements the AI assistant and the weekly tip writer out-ports on top of the OpenAI API. */
package io.mentorium.adapters.openai;
