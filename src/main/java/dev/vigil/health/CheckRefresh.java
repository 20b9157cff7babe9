package dev.vigil.health;

/**
 * What a component's state holds to have its check run now, whenever that state changes: set once
 * through {@link ComponentCheck#refreshWith}, run on every change; does nothing before it is set.
 */
public final class CheckRefresh implements Runnable {

	private volatile Runnable refreshNow = () -> {
	};

	/** The scheduler's callback, from {@link ComponentCheck#refreshWith}. */
	public void refreshWith(Runnable refreshNow) {
		this.refreshNow = refreshNow;
	}

	/** Asks for the check to run now; returns at once. */
	@Override
	public void run() {
		this.refreshNow.run();
	}

}
