// The throwaway ClickHouse server of the tests: the bench's starter (bench/clickhouse-server.mjs),
// one implementation for both.
export {
  CLICKHOUSE_BINARY,
  type ClickHouseServer,
  startClickHouse,
  TEST_PASSWORD,
} from '../../bench/clickhouse-server.mjs';
