package dev.vigil;

import dev.vigil.support.VigilTest;

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
