"""The Lua scripts that store alert events in Redis, each event in one atomic step."""

# One script per event so that "stored?" and "log the event" can't be split by a crash: the
# alert id is claimed with SET NX, so a record Kafka redelivers is stored and logged once.
# (Multi-key scripts need one Redis node, or hash tags on a cluster.)
# Each report (article, sentence, speaker, type) is owned by one alert (KEYS[6]): a replay whose
# extraction reads an actor differently finds its reports taken and adds nothing.
# Every script starts with this prelude: its own keys and arguments follow the shared ones.
#   KEYS: 1 the alert record, 2 its sources (hash), 3 their order (list), 4 the article's alerts,
#         5 the event log, 6 the report's owner
#   ARGV: 1 alert id, 2 source key, 3 source (JSON), 4 event log length, 5 event (JSON)
_PRELUDE = """
local function owned_elsewhere()
  local owner = redis.call('GET', KEYS[6])
  return owner and owner ~= ARGV[1]
end
local function log_event(kind)
  local n = redis.call('HLEN', KEYS[2])
  local xid = redis.call('XADD', KEYS[5], 'MAXLEN', '~', ARGV[4], '*', 'kind', kind,
    'alert_id', ARGV[1], 'source_count', n, 'data', ARGV[5])
  return {'new', xid}
end
"""

# KEYS 7-10: timeline, actor's timeline, speaker's timeline, actor counts
# ARGV 6-8: record (JSON), score, actor
RAISE = (
    _PRELUDE
    + """
if owned_elsewhere() then return {'claimed'} end
if not redis.call('SET', KEYS[1], ARGV[6], 'NX') then return {'duplicate'} end
redis.call('SET', KEYS[6], ARGV[1])
if redis.call('HSETNX', KEYS[2], ARGV[2], ARGV[3]) == 1 then
  redis.call('RPUSH', KEYS[3], ARGV[2])
end
redis.call('ZADD', KEYS[7], ARGV[7], ARGV[1])
redis.call('ZADD', KEYS[8], ARGV[7], ARGV[1])
redis.call('ZADD', KEYS[9], ARGV[7], ARGV[1])
redis.call('HINCRBY', KEYS[10], ARGV[8], 1)
redis.call('SADD', KEYS[4], ARGV[1])
return log_event('raised')
"""
)

ATTACH = (
    _PRELUDE
    + """
if owned_elsewhere() then return {'claimed'} end
if redis.call('HSETNX', KEYS[2], ARGV[2], ARGV[3]) == 0 then return {'duplicate'} end
redis.call('SET', KEYS[6], ARGV[1])
redis.call('RPUSH', KEYS[3], ARGV[2])
redis.call('SADD', KEYS[4], ARGV[1])
if redis.call('EXISTS', KEYS[1]) == 0 then return {'orphan'} end
return log_event('source_attached')
"""
)

# A late, older report becomes the first source in place: the record keeps its raised_at, the
# report joins the sources (at the front of their order), timelines move to its date.
# KEYS 7-10: timeline, actor's timeline, speaker's timeline, the old speaker's timeline
# ARGV 6-7: alert (JSON), score
REVISE = (
    _PRELUDE
    + """
if owned_elsewhere() then return {'claimed'} end
local old = redis.call('GET', KEYS[1])
if not old then return {'orphan'} end
if redis.call('HSETNX', KEYS[2], ARGV[2], ARGV[3]) == 0 then return {'duplicate'} end
redis.call('SET', KEYS[6], ARGV[1])
redis.call('LPUSH', KEYS[3], ARGV[2])
local raised = cjson.decode(old)['raised_at']
redis.call('SET', KEYS[1], '{"alert":' .. ARGV[6] .. ',"raised_at":' .. cjson.encode(raised) .. '}')
redis.call('ZADD', KEYS[7], ARGV[7], ARGV[1])
redis.call('ZADD', KEYS[8], ARGV[7], ARGV[1])
redis.call('ZREM', KEYS[10], ARGV[1])
redis.call('ZADD', KEYS[9], ARGV[7], ARGV[1])
redis.call('SADD', KEYS[4], ARGV[1])
return log_event('revised')
"""
)
