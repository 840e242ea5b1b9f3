// Sigma's default hover label is black text on a white box; this one follows the theme.
import type { NodeHoverDrawingFunction } from 'sigma/rendering';
import type { GraphPalette } from './colors.js';
import type { EdgeAttributes, NodeAttributes } from './graph-model.js';

export function themedHover(palette: GraphPalette): NodeHoverDrawingFunction<NodeAttributes, EdgeAttributes> {
  return (context, data, settings) => {
    const size = settings.labelSize;
    context.font = `${settings.labelWeight} ${size}px ${settings.labelFont}`;
    const label = data.label ?? '';
    const width = context.measureText(label).width;
    const x = data.x + data.size + 3;
    context.fillStyle = palette.labelBackground;
    context.strokeStyle = palette.highlight;
    context.lineWidth = 1;
    context.beginPath();
    context.arc(data.x, data.y, data.size + 2, 0, Math.PI * 2);
    context.fill();
    context.stroke();
    if (!label) return;
    context.fillRect(x - 2, data.y - size / 2 - 4, width + 8, size + 8);
    context.strokeRect(x - 2, data.y - size / 2 - 4, width + 8, size + 8);
    context.fillStyle = palette.text;
    context.fillText(label, x + 2, data.y + size / 3);
  };
}
