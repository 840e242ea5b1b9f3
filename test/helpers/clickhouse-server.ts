// The throwaway ClickHouse server of the tests: the bench's starter (bench/clickhouse-server.mjs),
// one implementation for both.
export {
  CLICKHOUSE_BINARY,
  type ClickHouseServer,
  type StartOptions,
  startClickHouse,
} from '../../bench/clickhouse-server.mjs';
