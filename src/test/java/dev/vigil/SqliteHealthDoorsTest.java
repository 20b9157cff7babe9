package dev.vigil;

import dev.vigil.testing.VigilTest;

/**
 * The doors on the embedded default, SQLite.
 */
@VigilTest
class SqliteHealthDoorsTest extends AbstractHealthDoorsTest {

	@Override
	String expectedBackend() {
		return "sqlite";
	}

}
