// The public key that signs the CHU de Nantes' rule packs, trusted by every installation.
// Its private key is kept by the communication service, never in this repository; the
// policy's `trustedKeys` may add keys (for example a deployment's own).

export const BUILT_IN_PACK_KEY = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEA89LdWqrFyGG8FScbxbJzFnrrI59PudG6R5ir8EcRcVM=
-----END PUBLIC KEY-----
`;
