/**
 * A miniature of the Mentorium layout that keeps every architecture rule, including the constructs that compile to
 * surprising dependencies (records, enums, enum switches, pattern switches, nested port types, injection, logging), so
 * the tests can show the rules do not fail on well-formed code.
 */
package io.mentorium.archfixture.clean;
