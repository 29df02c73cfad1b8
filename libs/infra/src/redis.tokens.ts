/** The shared Redis command connection, and the URL every other connection is made from. */
export const REDIS = Symbol('REDIS');
export const REDIS_URL = Symbol('REDIS_URL');

/**
 * Set once in a Redis that holds Giliran's state (its jobs, schedules and seqs); missing, it says
 * Redis was emptied (a restart without persistence, a failover, a FLUSHALL) and the state must be
 * put back. See RedisLossWatch.
 */
export const stateMarkerKey = (redisPrefix: string) => `${redisPrefix}state-since`;
