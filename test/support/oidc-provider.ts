// A real OpenID Connect provider for tests (oidc-provider on a local port), shaped like ProConnect: signed
// id_token and userinfo (RS256), claims given_name, usual_name, email, uid, siret, acr asked through the
// `claims` parameter, PKCE required, RP-initiated logout. The test decides who signs in (and with which acr)
// or that the person cancels; it can publish a foreign key set to make every signature check fail.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type KoaContextWithOIDC } from "oidc-provider";

export interface TestAccount {
  sub: string;
  email: string;
  given_name: string;
  usual_name: string;
  uid: string;
  siret?: string;
  email_verified?: boolean;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  provider: Provider;
  /** Who the next sign-in is, and the acr the provider reports; `cancel` answers error=access_denied. */
  next: { account: TestAccount; acr: string } | { cancel: true };
  /** Serve a key set whose key has the same kid but other material: signatures no longer verify. */
  publishForeignKeys: boolean;
  /** Requests the provider received, path only (discovery, token, userinfo…). */
  requests: string[];
  close(): Promise<void>;
}

function rsaJwk(kid: string) {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { ...privateKey.export({ format: "jwk" }), kid, alg: "RS256", use: "sig" };
}

export async function startOidcProvider(options: { redirectOrigin: string; accounts: TestAccount[] }): Promise<TestOidcProvider> {
  const kid = "test-key";
  const signingKey = rsaJwk(kid);
  const foreignKey = rsaJwk(kid);
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...foreignPublic } = foreignKey;
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = "declic-test";
  const clientSecret = randomBytes(24).toString("hex");
  const accounts = new Map(options.accounts.map((a) => [a.sub, a]));

  let state: TestOidcProvider;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [`${options.redirectOrigin}/connexion/proconnect/retour`],
        post_logout_redirect_uris: [`${options.redirectOrigin}/connexion/proconnect/deconnecte`],
        token_endpoint_auth_method: "client_secret_post",
        id_token_signed_response_alg: "RS256",
        userinfo_signed_response_alg: "RS256",
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    jwks: { keys: [signingKey as never] },
    cookies: { keys: [randomBytes(16).toString("hex")] },
    pkce: { required: () => true },
    acrValues: ["eidas1", "eidas2", "eidas3"],
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      given_name: ["given_name"],
      usual_name: ["usual_name"],
      uid: ["uid"],
      siret: ["siret"],
    },
    features: {
      devInteractions: { enabled: false },
      claimsParameter: { enabled: true },
      jwtUserinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: KoaContextWithOIDC, form: string) => {
          ctx.body = `<!doctype html><title>Logout</title>${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Yes</button>`;
        },
      },
    },
    // First-party test provider: every client request is consented to.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const accountId = ctx.oidc.session?.accountId;
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId });
      grant.addOIDCScope(String(ctx.oidc.params?.scope ?? "openid"));
      grant.addOIDCClaims(["acr", "amr", "sub", "email", "email_verified", "given_name", "usual_name", "uid", "siret"]);
      await grant.save();
      return grant;
    },
    findAccount: async (_ctx: KoaContextWithOIDC, sub: string) => {
      // The account of the sign-in in progress wins, so a test can change someone's claims (e.g. a new e-mail).
      const next = state.next;
      const account = !("cancel" in next) && next.account.sub === sub ? next.account : accounts.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: async () => ({ email_verified: true, ...account }),
      };
    },
    interactions: { url: (_ctx: KoaContextWithOIDC, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
  });
  provider.on("server_error", (_ctx: unknown, error: Error) => {
    console.error("test OIDC provider error", error);
  });

  state = {
    issuer,
    clientId,
    clientSecret,
    provider,
    next: { cancel: true },
    publishForeignKeys: false,
    requests: [],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const callback = provider.callback();
  server.on("request", async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? "/").split("?")[0]!;
    state.requests.push(path);
    try {
      if (path === "/jwks" && state.publishForeignKeys) {
        res.writeHead(200, { "content-type": "application/jwk-set+json" });
        res.end(JSON.stringify({ keys: [foreignPublic] }));
        return;
      }
      if (path.startsWith("/interaction/")) {
        await provider.interactionDetails(req, res);
        const next = state.next;
        const result =
          "cancel" in next
            ? { error: "access_denied", error_description: "End-User aborted interaction" }
            : { login: { accountId: next.account.sub, acr: next.acr, amr: next.acr === "eidas1" ? ["pwd"] : ["pwd", "otp"] } };
        await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
        return;
      }
      callback(req, res);
    } catch (error) {
      res.writeHead(500);
      res.end(String(error));
    }
  });
  return state;
}

/** Follows the provider's redirects with its own cookie jar until it sends the browser back to `origin`. */
export async function followProvider(url: string, origin: string, jar: Map<string, string> = new Map()): Promise<string> {
  let next = url;
  for (let hop = 0; hop < 10; hop++) {
    if (next.startsWith(origin)) return next.slice(origin.length);
    const response = await fetch(next, { redirect: "manual", headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") } });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    const location = response.headers.get("location");
    if (!location) throw new Error(`the provider stopped at ${next} with ${response.status}: ${(await response.text()).slice(0, 300)}`);
    next = new URL(location, next).href;
  }
  throw new Error("too many redirects at the provider");
}
