/** A @tanstack/virtual-core virtualizer over a scrolling element, with fixed-height items. */
import { elementScroll, observeElementOffset, observeElementRect, Virtualizer, type VirtualizerOptions } from '@tanstack/virtual-core';

export function virtualList(
  scroller: HTMLDivElement,
  itemHeight: number,
  onChange: () => void,
  extra: Partial<VirtualizerOptions<HTMLDivElement, HTMLDivElement>> = {},
): Virtualizer<HTMLDivElement, HTMLDivElement> {
  const virtualizer = new Virtualizer<HTMLDivElement, HTMLDivElement>({
    count: 0,
    getScrollElement: () => scroller,
    estimateSize: () => itemHeight,
    overscan: 8,
    scrollToFn: elementScroll,
    observeElementRect,
    observeElementOffset,
    onChange,
    ...extra,
  });
  virtualizer._didMount();
  virtualizer._willUpdate();
  return virtualizer;
}

/** Changes the number of items (the virtualizer recomputes its measurements). */
export function setCount(virtualizer: Virtualizer<HTMLDivElement, HTMLDivElement>, count: number): void {
  virtualizer.setOptions({ ...virtualizer.options, count });
  virtualizer._willUpdate();
}
