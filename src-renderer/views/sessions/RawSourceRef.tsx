// Where the session came from. Vigil keeps the normalized fields, not the raw text of good rows
// (only quarantined rows keep theirs), so this names the file and line to open.
import { queryState } from '../../data/query-state.js';
import { useVigilQuery } from '../../data/vigil-query.js';

export function RawSourceRef({ importId, line }: { importId: number; line: number }) {
  const imports = queryState(useVigilQuery('listImports', {}));
  const record = imports.data?.find((item) => item.id === importId);
  const file = record?.file ?? (imports.loading ? '…' : `import ${importId} (no longer listed)`);
  return (
    <div
      className="raw-ref"
      data-testid="drawer-raw-ref"
      data-state={record ? 'ready' : imports.loading ? 'loading' : 'missing'}
    >
      <code className="raw">
        {file}:{line}
      </code>
      <p className="muted">
        The raw text of stored rows is not kept; open the file at line {line} to read it
        {record ? ` (${record.format})` : ''}.
      </p>
    </div>
  );
}
