import type { Problem } from '../api/client';

/** The sample tests, input beside output. */
export function Samples({ samples }: { samples: Problem['samples'] }) {
  if (!samples.length) return null;
  return (
    <section aria-labelledby="samples-h">
      <h2 id="samples-h">Samples</h2>
      {samples.map((s, i) => (
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
