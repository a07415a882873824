"""The Lua scripts that store alert events in Redis, each event in one atomic step."""

# One script per event so that "stored?" and "log the event" can't be split by a crash: the
# alert id is claimed with SET NX, so a record Kafka redelivers is stored and logged once.
# (Multi-key scripts need one Redis node, or hash tags on a cluster.)
# Each report (article, sentence, speaker, type) is owned by one alert (KEYS[10] and the like):
# a replay whose extraction reads an actor differently finds its reports taken and adds nothing.
RAISE = """
local owner = redis.call('GET', KEYS[10])
if owner and owner ~= ARGV[5] then return {'claimed'} end
if not redis.call('SET', KEYS[1], ARGV[1], 'NX') then return {'duplicate'} end
redis.call('SET', KEYS[10], ARGV[5])
if redis.call('HSETNX', KEYS[2], ARGV[2], ARGV[3]) == 1 then
  redis.call('RPUSH', KEYS[3], ARGV[2])
end
redis.call('ZADD', KEYS[4], ARGV[4], ARGV[5])
redis.call('ZADD', KEYS[5], ARGV[4], ARGV[5])
redis.call('ZADD', KEYS[6], ARGV[4], ARGV[5])
redis.call('HINCRBY', KEYS[7], ARGV[6], 1)
redis.call('SADD', KEYS[8], ARGV[5])
local n = redis.call('HLEN', KEYS[2])
local xid = redis.call('XADD', KEYS[9], 'MAXLEN', '~', ARGV[7], '*', 'kind', 'raised',
  'alert_id', ARGV[5], 'source_count', n, 'data', ARGV[8])
return {'new', xid}
"""

ATTACH = """
local owner = redis.call('GET', KEYS[6])
if owner and owner ~= ARGV[3] then return {'claimed'} end
if redis.call('HSETNX', KEYS[2], ARGV[1], ARGV[2]) == 0 then return {'duplicate'} end
redis.call('SET', KEYS[6], ARGV[3])
redis.call('RPUSH', KEYS[3], ARGV[1])
redis.call('SADD', KEYS[4], ARGV[3])
if redis.call('EXISTS', KEYS[1]) == 0 then return {'orphan'} end
local n = redis.call('HLEN', KEYS[2])
local xid = redis.call('XADD', KEYS[5], 'MAXLEN', '~', ARGV[4], '*', 'kind', 'source_attached',
  'alert_id', ARGV[3], 'source_count', n, 'data', ARGV[5])
return {'new', xid}
"""

# A late, older report becomes the first source in place: the record keeps its raised_at, the
# report joins the sources (at the front of their order), timelines move to its date.
REVISE = """
local owner = redis.call('GET', KEYS[9])
if owner and owner ~= ARGV[3] then return {'claimed'} end
local old = redis.call('GET', KEYS[1])
if not old then return {'orphan'} end
if redis.call('HSETNX', KEYS[2], ARGV[1], ARGV[2]) == 0 then return {'duplicate'} end
redis.call('SET', KEYS[9], ARGV[3])
redis.call('LPUSH', KEYS[3], ARGV[1])
local raised = cjson.decode(old)['raised_at']
redis.call('SET', KEYS[1], '{"alert":' .. ARGV[4] .. ',"raised_at":' .. cjson.encode(raised) .. '}')
redis.call('ZADD', KEYS[4], ARGV[5], ARGV[3])
redis.call('ZADD', KEYS[5], ARGV[5], ARGV[3])
redis.call('ZREM', KEYS[10], ARGV[3])
redis.call('ZADD', KEYS[6], ARGV[5], ARGV[3])
redis.call('SADD', KEYS[7], ARGV[3])
local n = redis.call('HLEN', KEYS[2])
local xid = redis.call('XADD', KEYS[8], 'MAXLEN', '~', ARGV[6], '*', 'kind', 'revised',
  'alert_id', ARGV[3], 'source_count', n, 'data', ARGV[7])
return {'new', xid}
"""
