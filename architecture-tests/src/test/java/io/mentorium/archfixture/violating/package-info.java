/**
 * A miniature of the Mentorium layout in which every architecture rule is broken at least once, so the tests can show
 * that each rule reports the offending class. Never imported by the production rules (test classes are excluded).
 */
package io.mentorium.archfixture.violating;
