import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { EChart } from '../../src-renderer/charts/EChart.js';
import { escapeHtml, tooltipLine } from '../../src-renderer/charts/escape.js';

afterEach(cleanup);

describe('chart wrapper', () => {
  it('says it is loading before the first answer', () => {
    render(<EChart testId="c" label="x" option={null} loading={true} />);
    expect(screen.getByTestId('c').dataset.state).toBe('loading');
    expect(screen.getByTestId('c').textContent).toBe('Loading…');
  });

  it('shows the empty message instead of a chart', () => {
    render(<EChart testId="c" label="x" option={() => ({})} loading={false} empty="No model run yet" />);
    const box = screen.getByTestId('c');
    expect(box.dataset.state).toBe('empty');
    expect(box.textContent).toBe('No model run yet');
    expect(box.querySelector('.chart-canvas')).toBeNull();
  });

  it('shows an error as text, even a hostile one', () => {
    render(
      <EChart testId="c" label="x" option={null} loading={false} error={'<img src=x onerror=alert(1)>'} />,
    );
    expect(screen.getByTestId('c').dataset.state).toBe('error');
    expect(screen.getByTestId('c').textContent).toBe('<img src=x onerror=alert(1)>');
    expect(document.querySelector('img')).toBeNull();
  });
});

describe('tooltip escaping', () => {
  it('turns markup from logs into text', () => {
    expect(escapeHtml(`<img src=x onerror="alert('1')">&`)).toBe(
      '&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;',
    );
    expect(tooltipLine('<span class="dot"></span>', '<b>US</b>', 5)).toBe(
      '<span class="dot"></span>&lt;b&gt;US&lt;/b&gt;: <b>5</b>',
    );
  });
});
