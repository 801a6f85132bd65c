// A Supabase Edge Function that gives each signed-in Supabase user a ZEGO token whose userId is the
// user's ID (the JWT's `sub`, a UUID, which fits ZEGO's character set).
//
// It verifies the caller's Supabase access token itself, against the project's JWT signing keys
// (JWKS), as Supabase recommends since asymmetric signing keys replaced the shared JWT secret; so it
// is deployed with verify_jwt off (supabase/config.toml), which also lets the browser's CORS
// preflight, which carries no Authorization header, reach it.
import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import { createFetchHandler, isZegoTokenError } from 'zego-token/web';

function env(name: string): string {
  const value = Deno.env.get(name);
  if (!value) throw new Error(`${name} is not set: see README.md`);
  return value;
}

const supabaseUrl = env('SUPABASE_URL').replace(/\/+$/, '');
// Supabase Auth's issuer; under `supabase functions serve` SUPABASE_URL is the containers' address,
// not the one in your local tokens' `iss`: set SUPABASE_AUTH_ISSUER to that (README.md).
const issuer = Deno.env.get('SUPABASE_AUTH_ISSUER') || `${supabaseUrl}/auth/v1`;
// jose fetches the keys once, caches them, and fetches again for a `kid` it does not know (rotation).
const signingKeys = createRemoteJWKSet(new URL(`${supabaseUrl}/auth/v1/.well-known/jwks.json`));

// The pages allowed to fetch tokens from another origin: `https://app.example.com,https://…`.
const allowedOrigins = new Set((Deno.env.get('ALLOWED_ORIGINS') ?? '').split(/[\s,]+/).filter(Boolean));
for (const origin of allowedOrigins) {
  if (!URL.canParse(origin) || new URL(origin).origin !== origin) {
    throw new Error(`ALLOWED_ORIGINS: ${JSON.stringify(origin)} is not an origin such as https://app.example.com`);
  }
}

/** The signed-in user's ID from `Authorization: Bearer <Supabase access token>`, or `undefined` (401). */
async function supabaseUser(request: Request): Promise<string | undefined> {
  const jwt = /^Bearer ([\w.-]+)$/i.exec(request.headers.get('Authorization') ?? '')?.[1];
  if (jwt === undefined) return undefined;
  try {
    // `aud: authenticated` keeps out the anon key and service tokens; only users have a `sub`.
    const { payload } = await jwtVerify(jwt, signingKeys, {
      issuer,
      audience: 'authenticated',
      algorithms: ['ES256', 'RS256'],
      requiredClaims: ['sub', 'exp'],
    });
    return payload.sub;
  } catch (error) {
    // A bad signature, an expired token, another project's token: nobody is signed in. An unreachable
    // JWKS is not the caller's fault: it rejects the handler, and the function answers 500.
    if (error instanceof errors.JOSEError && !(error instanceof errors.JWKSTimeout)) return undefined;
    throw error;
  }
}

// Made once, when the function starts: a bad ZEGO_APP_ID or ZEGO_SERVER_SECRET stops it here, in the logs.
const tokenRoute = createFetchHandler({
  appId: Number(env('ZEGO_APP_ID')),
  serverSecret: env('ZEGO_SERVER_SECRET'),
  // supabase-js's `functions.invoke` POSTs unless told `method: 'GET'`; both only read the caller's JWT.
  methods: ['GET', 'POST'],
  resolveUser: supabaseUser,
  onError: (error) => {
    if (!isZegoTokenError(error) || error.code !== 'UNAUTHENTICATED') console.warn('zego token:', error);
  },
});

Deno.serve(async (request) => {
  const origin = request.headers.get('Origin');
  const allowed = origin !== null && allowedOrigins.has(origin);
  let response: Response;
  if (request.method === 'OPTIONS') {
    // The preflight for a request with Authorization (and supabase-js's apikey, x-client-info, content-type).
    response = new Response(null, { status: 204 });
    if (allowed) {
      response.headers.set('Access-Control-Allow-Methods', 'GET, POST');
      response.headers.set('Access-Control-Allow-Headers', 'authorization, apikey, x-client-info, content-type');
      response.headers.set('Access-Control-Max-Age', '600');
    }
  } else {
    response = await tokenRoute(request);
  }
  if (allowed) response.headers.set('Access-Control-Allow-Origin', origin);
  response.headers.append('Vary', 'Origin');
  return response;
});
