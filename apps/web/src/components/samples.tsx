import type { Problem } from '../api/client';

/** The sample tests, input beside output; an interactive problem's as the conversation (`>` from the judge, `<` from the program). */
export function Samples({ samples }: { samples: Problem['samples'] }) {
  if (!samples.length) return null;
  const interactive = samples.some((s) => s.interaction);
  return (
    <section aria-labelledby="samples-h">
      <h2 id="samples-h">Samples</h2>
      {interactive ? <p className="muted">Lines starting with <code>&gt;</code> are what the judge sends your program; lines starting with <code>&lt;</code> are what your program prints.</p> : null}
      {samples.map((s, i) => s.interaction ? (
        <figure key={s.index}>
          <figcaption>Sample {i + 1} interaction</figcaption>
          <pre tabIndex={0}>{s.interaction}</pre>
        </figure>
      ) : (
        <div className="pair" key={s.index}>
          <figure>
            <figcaption>Sample {i + 1} input</figcaption>
            <pre tabIndex={0}>{s.input}</pre>
          </figure>
          <figure>
            <figcaption>Sample {i + 1} output</figcaption>
            <pre tabIndex={0}>{s.output}</pre>
          </figure>
        </div>
      ))}
    </section>
  );
}
