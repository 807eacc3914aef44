/**
 * A support tool of the platform that embeds the Mentorium core as a library: it shows a family's weekly reports and
 * whether their subscription unlocks the paid features, from data it holds itself.
 *
 * <p>Everything Mentorium-specific it touches is public API (see docs/embedding.md): domain types, the use-case
 * interfaces of {@code io.mentorium.application.port.in}, the out-ports of {@code io.mentorium.application.port.out}
 * it implements, and the constructors of the use-case services in {@code io.mentorium.application.service}.
 */
package com.example.supportdesk;
