/** The shared Redis command connection, and the URL every other connection is made from. */
export const REDIS = Symbol('REDIS');
export const REDIS_URL = Symbol('REDIS_URL');
