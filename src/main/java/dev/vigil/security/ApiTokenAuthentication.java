package dev.vigil.security;

import java.util.Collection;
import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * An API token: presented (not yet checked, holding the token and the caller's address) or
 * authenticated (holding the token's name and roles, and no longer the token).
 */
final class ApiTokenAuthentication extends AbstractAuthenticationToken {

	private final String name;

	private final String clientAddress;

	private String token;

	private ApiTokenAuthentication(String name, String token, String clientAddress,
			Collection<? extends GrantedAuthority> authorities) {
		super(authorities);
		this.name = name;
		this.token = token;
		this.clientAddress = clientAddress;
	}

	static ApiTokenAuthentication presented(String token, String clientAddress) {
		return new ApiTokenAuthentication("", token, clientAddress, List.of());
	}

	static ApiTokenAuthentication authenticated(String name, Collection<? extends GrantedAuthority> authorities) {
		ApiTokenAuthentication authentication = new ApiTokenAuthentication(name, null, "", authorities);
		authentication.setAuthenticated(true);
		return authentication;
	}

	String clientAddress() {
		return this.clientAddress;
	}

	@Override
	public Object getCredentials() {
		return this.token;
	}

	@Override
	public Object getPrincipal() {
		return this.name;
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public void eraseCredentials() {
		this.token = null;
	}

}
