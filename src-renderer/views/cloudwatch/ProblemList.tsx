/** Why the form cannot be sent yet, one line per problem; announced when it appears. */
export function ProblemList({ problems }: { problems: string[] }) {
  if (problems.length === 0) return null;
  return (
    <div className="error-note" role="alert" data-testid="cw-problems">
      {problems.length === 1 ? (
        problems[0]
      ) : (
        <ul>
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
