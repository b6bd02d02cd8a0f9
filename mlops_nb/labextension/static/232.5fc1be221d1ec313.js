"use strict";(self.rspackChunkmlops_nb_lab=self.rspackChunkmlops_nb_lab||[]).push([[232],{475(o,r,e){var l=e(601),a=e.n(l),t=e(314),p=(e.n(t))()(a());p.push([o.id,`/* The mlops_nb sidebar: JupyterLab's own variables only, so it follows the light and dark themes. */

.mlops-panel {
  display: flex;
  flex-direction: column;
  overflow: auto;
  background: var(--jp-layout-color1);
  color: var(--jp-ui-font-color1);
  font-family: var(--jp-ui-font-family);
  font-size: var(--jp-ui-font-size1);
  min-width: 240px;
}

.mlops-project {
  display: flex;
  align-items: baseline;
  gap: 6px;
  padding: 8px 10px 4px;
  font-size: var(--jp-ui-font-size2);
}

.mlops-project-name {
  flex: 0 1 auto;
  font-weight: 600;
  min-width: 0;
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
}

.mlops-tabs {
  display: flex;
  border-bottom: var(--jp-border-width) solid var(--jp-border-color2);
  padding: 0 6px;
}

.mlops-tab {
  background: none;
  border: none;
  border-bottom: 2px solid transparent;
  color: var(--jp-ui-font-color2);
  cursor: pointer;
  font: inherit;
  padding: 6px 10px;
}

.mlops-tab:hover {
  color: var(--jp-ui-font-color0);
}

.mlops-tab.mlops-active {
  border-bottom-color: var(--jp-brand-color1);
  color: var(--jp-ui-font-color0);
  font-weight: 600;
}

.mlops-section {
  padding: 6px 8px 12px;
}

.mlops-view {
  display: flex;
  flex-direction: column;
  gap: 4px;
}

.mlops-line {
  display: flex;
  align-items: center;
  flex-wrap: wrap;
  gap: 6px;
  min-width: 0;
}

.mlops-nowrap {
  flex-wrap: nowrap;
}

.mlops-nowrap > .mlops-name {
  flex: 0 1 auto;
  min-width: 0;
}

.mlops-project .mlops-link {
  white-space: nowrap;
}

.mlops-spacer {
  flex: 1 1 auto;
}

.mlops-dim {
  color: var(--jp-ui-font-color2);
  font-size: var(--jp-ui-font-size0);
}

.mlops-name {
  font-weight: 600;
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
  max-width: 100%;
}

.mlops-key,
.mlops-path,
.mlops-line code {
  font-family: var(--jp-code-font-family);
  font-size: var(--jp-code-font-size);
}

.mlops-line code {
  background: var(--jp-layout-color2);
  border-radius: 2px;
  padding: 0 3px;
}

.mlops-filters {
  display: flex;
  flex-wrap: wrap;
  gap: 4px;
  margin-bottom: 4px;
}

.mlops-select,
.mlops-search {
  background: var(--jp-input-background, var(--jp-layout-color1));
  border: var(--jp-border-width) solid var(--jp-border-color1);
  border-radius: 2px;
  color: var(--jp-ui-font-color1);
  font: inherit;
  min-width: 0;
  padding: 2px 4px;
}

.mlops-search {
  flex: 1 1 100px;
}

.mlops-select:focus,
.mlops-search:focus {
  border-color: var(--jp-brand-color1);
  outline: none;
}

.mlops-rows {
  display: flex;
  flex-direction: column;
}

.mlops-row {
  border-bottom: var(--jp-border-width) solid var(--jp-border-color2);
  display: flex;
  flex-direction: column;
  gap: 2px;
  padding: 5px 2px;
}

.mlops-run {
  cursor: pointer;
}

.mlops-run:hover,
.mlops-run:focus-visible {
  background: var(--jp-layout-color2);
  outline: none;
}

.mlops-pick {
  margin: 0;
}

.mlops-metric {
  color: var(--jp-ui-font-color1);
  font-family: var(--jp-code-font-family);
  font-size: var(--jp-code-font-size);
  white-space: nowrap;
}

.mlops-spark polyline {
  stroke: var(--jp-brand-color1);
  stroke-width: 1.2;
}

.mlops-badge {
  border-radius: 8px;
  color: var(--jp-ui-inverse-font-color1);
  font-size: var(--jp-ui-font-size0);
  line-height: 1.5;
  padding: 0 6px;
  white-space: nowrap;
  background: var(--jp-layout-color3);
}

.mlops-status-running,
.mlops-status-scheduled {
  background: var(--jp-brand-color1);
}

.mlops-status-finished,
.mlops-status-succeeded {
  background: var(--jp-success-color1);
}

.mlops-status-failed,
.mlops-status-timeout,
.mlops-job-badge.mlops-status-killed {
  background: var(--jp-error-color1);
}

.mlops-run-badge.mlops-status-killed {
  background: var(--jp-warn-color1);
}

.mlops-paused {
  background: var(--jp-warn-color2);
  color: var(--jp-ui-font-color0);
}

.mlops-undelivered {
  color: var(--jp-warn-color0);
  font-size: var(--jp-ui-font-size0);
}

.mlops-error {
  background: var(--jp-error-color3);
  border-left: 3px solid var(--jp-error-color1);
  color: var(--jp-ui-font-color0);
  margin: 4px 0;
  padding: 4px 6px;
}

.mlops-error-text {
  color: var(--jp-error-color1);
  font-size: var(--jp-ui-font-size0);
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
}

.mlops-warning {
  background: var(--jp-warn-color3);
  border-left: 3px solid var(--jp-warn-color1);
  color: var(--jp-ui-font-color0);
  margin: 4px 0;
  padding: 4px 6px;
}

.mlops-empty {
  color: var(--jp-ui-font-color2);
  font-style: italic;
  padding: 6px 2px;
}

.mlops-footer {
  align-items: center;
  display: flex;
  gap: 6px;
  padding-top: 6px;
}

.mlops-button {
  font-size: var(--jp-ui-font-size1);
  line-height: 1.6;
  padding: 0 8px;
  min-height: 22px;
}

.mlops-button:disabled {
  cursor: default;
  opacity: 0.5;
}

.mlops-link {
  background: none;
  border: none;
  color: var(--jp-content-link-color, var(--jp-brand-color1));
  cursor: pointer;
  font: inherit;
  padding: 0;
  text-decoration: none;
}

.mlops-link:hover {
  text-decoration: underline;
}

.mlops-toggle {
  background: none;
  border: none;
  color: var(--jp-ui-font-color2);
  cursor: pointer;
  padding: 0 2px;
}

.mlops-head {
  display: flex;
  flex-direction: column;
  gap: 4px;
  padding-bottom: 6px;
}

.mlops-block {
  margin-top: 8px;
}

.mlops-block h3 {
  border-bottom: var(--jp-border-width) solid var(--jp-border-color2);
  color: var(--jp-ui-font-color1);
  font-size: var(--jp-ui-font-size1);
  font-weight: 600;
  margin: 0 0 4px;
  padding-bottom: 2px;
  text-transform: uppercase;
  letter-spacing: 0.03em;
}

.mlops-kv,
.mlops-compare {
  border-collapse: collapse;
  width: 100%;
}

.mlops-kv th,
.mlops-kv td,
.mlops-compare th,
.mlops-compare td {
  border-bottom: var(--jp-border-width) solid var(--jp-border-color3);
  font-family: var(--jp-code-font-family);
  font-size: var(--jp-code-font-size);
  font-weight: normal;
  padding: 2px 4px;
  text-align: left;
  vertical-align: top;
  word-break: break-word;
}

.mlops-kv {
  table-layout: fixed;
}

.mlops-kv th {
  color: var(--jp-ui-font-color2);
  max-width: 130px;
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
  width: 40%;
}

.mlops-compare td {
  white-space: nowrap;
}

.mlops-compare thead th {
  font-family: var(--jp-ui-font-family);
  font-weight: 600;
}

.mlops-compare tr.mlops-differs th {
  color: var(--jp-warn-color0);
}

.mlops-compare tr.mlops-differs {
  background: var(--jp-layout-color2);
}

.mlops-compare td.mlops-best {
  color: var(--jp-success-color0);
  font-weight: 600;
}

.mlops-scroll {
  overflow-x: auto;
}

.mlops-fold > summary {
  color: var(--jp-ui-font-color2);
  cursor: pointer;
  padding: 2px 0;
}

.mlops-metric-block {
  padding: 3px 0;
}

.mlops-figure {
  margin: 2px 0 6px;
}

.mlops-figure figcaption {
  color: var(--jp-ui-font-color2);
  font-size: var(--jp-ui-font-size0);
}

.mlops-curve {
  display: block;
  height: 80px;
  width: 100%;
}

.mlops-curve polyline {
  stroke-width: 1.5;
  vector-effect: non-scaling-stroke;
}

.mlops-curve-frame {
  fill: none;
  stroke: var(--jp-border-color2);
  vector-effect: non-scaling-stroke;
}

.mlops-legend {
  display: flex;
  flex-wrap: wrap;
  gap: 2px 10px;
  font-size: var(--jp-ui-font-size0);
}

.mlops-legend-item {
  align-items: center;
  display: inline-flex;
  gap: 4px;
}

.mlops-swatch {
  display: inline-block;
  height: 3px;
  width: 12px;
}

/* The curves' palette: JupyterLab's collaborator colors, which both themes define. */
.mlops-c0 { stroke: var(--jp-brand-color1); fill: var(--jp-brand-color1); }
.mlops-c1 { stroke: var(--jp-collaborator-color1); fill: var(--jp-collaborator-color1); }
.mlops-c2 { stroke: var(--jp-collaborator-color3); fill: var(--jp-collaborator-color3); }
.mlops-c3 { stroke: var(--jp-collaborator-color5); fill: var(--jp-collaborator-color5); }
.mlops-c4 { stroke: var(--jp-collaborator-color2); fill: var(--jp-collaborator-color2); }
.mlops-c5 { stroke: var(--jp-collaborator-color6); fill: var(--jp-collaborator-color6); }
.mlops-c6 { stroke: var(--jp-collaborator-color7); fill: var(--jp-collaborator-color7); }

polyline.mlops-c0, polyline.mlops-c1, polyline.mlops-c2, polyline.mlops-c3,
polyline.mlops-c4, polyline.mlops-c5, polyline.mlops-c6 {
  fill: none;
}

.mlops-swatch.mlops-c0 { background: var(--jp-brand-color1); }
.mlops-swatch.mlops-c1 { background: var(--jp-collaborator-color1); }
.mlops-swatch.mlops-c2 { background: var(--jp-collaborator-color3); }
.mlops-swatch.mlops-c3 { background: var(--jp-collaborator-color5); }
.mlops-swatch.mlops-c4 { background: var(--jp-collaborator-color2); }
.mlops-swatch.mlops-c5 { background: var(--jp-collaborator-color6); }
.mlops-swatch.mlops-c6 { background: var(--jp-collaborator-color7); }

.mlops-files {
  list-style: none;
  margin: 0;
  padding: 0;
}

.mlops-files li {
  display: flex;
  gap: 8px;
  justify-content: space-between;
  padding: 1px 0;
}

.mlops-history {
  border-left: 2px solid var(--jp-border-color2);
  margin: 4px 0 0 6px;
  padding-left: 6px;
}

.mlops-jobrun {
  border-bottom-style: dotted;
}
`,""]),e.d(r,{},{A:p})},314(o){o.exports=function(o){var r=[];return r.toString=function(){return this.map(function(r){var e="",l=void 0!==r[5];return r[4]&&(e+="@supports (".concat(r[4],") {")),r[2]&&(e+="@media ".concat(r[2]," {")),l&&(e+="@layer".concat(r[5].length>0?" ".concat(r[5]):""," {")),e+=o(r),l&&(e+="}"),r[2]&&(e+="}"),r[4]&&(e+="}"),e}).join("")},r.i=function(o,e,l,a,t){"string"==typeof o&&(o=[[null,o,void 0]]);var p={};if(l)for(var n=0;n<this.length;n++){var s=this[n][0];null!=s&&(p[s]=!0)}for(var i=0;i<o.length;i++){var c=[].concat(o[i]);l&&p[c[0]]||(void 0!==t&&(void 0===c[5]||(c[1]="@layer".concat(c[5].length>0?" ".concat(c[5]):""," {").concat(c[1],"}")),c[5]=t),e&&(c[2]&&(c[1]="@media ".concat(c[2]," {").concat(c[1],"}")),c[2]=e),a&&(c[4]?(c[1]="@supports (".concat(c[4],") {").concat(c[1],"}"),c[4]=a):c[4]="".concat(a)),r.push(c))}},r}},601(o){o.exports=function(o){return o[1]}},72(o){var r=[];function e(o){for(var e=-1,l=0;l<r.length;l++)if(r[l].identifier===o){e=l;break}return e}function l(o,l){for(var a={},t=[],p=0;p<o.length;p++){var n=o[p],s=l.base?n[0]+l.base:n[0],i=a[s]||0,c="".concat(s," ").concat(i);a[s]=i+1;var d=e(c),m={css:n[1],media:n[2],sourceMap:n[3],supports:n[4],layer:n[5]};if(-1!==d)r[d].references++,r[d].updater(m);else{var f=function(o,r){var e=r.domAPI(r);return e.update(o),function(r){r?(r.css!==o.css||r.media!==o.media||r.sourceMap!==o.sourceMap||r.supports!==o.supports||r.layer!==o.layer)&&e.update(o=r):e.remove()}}(m,l);l.byIndex=p,r.splice(p,0,{identifier:c,updater:f,references:1})}t.push(c)}return t}o.exports=function(o,a){var t=l(o=o||[],a=a||{});return function(o){o=o||[];for(var p=0;p<t.length;p++){var n=e(t[p]);r[n].references--}for(var s=l(o,a),i=0;i<t.length;i++){var c=e(t[i]);0===r[c].references&&(r[c].updater(),r.splice(c,1))}t=s}}},659(o){var r={};o.exports=function(o,e){var l=function(o){if(void 0===r[o]){var e=document.querySelector(o);if(window.HTMLIFrameElement&&e instanceof window.HTMLIFrameElement)try{e=e.contentDocument.head}catch(o){e=null}r[o]=e}return r[o]}(o);if(!l)throw Error("Couldn't find a style target. This probably means that the value for the 'insert' parameter is invalid.");l.appendChild(e)}},540(o){o.exports=function(o){var r=document.createElement("style");return o.setAttributes(r,o.attributes),o.insert(r,o.options),r}},56(o,r,e){o.exports=function(o){var r=e.nc;r&&o.setAttribute("nonce",r)}},825(o){o.exports=function(o){if("u"<typeof document)return{update:function(){},remove:function(){}};var r=o.insertStyleElement(o);return{update:function(e){var l,a,t;l="",e.supports&&(l+="@supports (".concat(e.supports,") {")),e.media&&(l+="@media ".concat(e.media," {")),(a=void 0!==e.layer)&&(l+="@layer".concat(e.layer.length>0?" ".concat(e.layer):""," {")),l+=e.css,a&&(l+="}"),e.media&&(l+="}"),e.supports&&(l+="}"),(t=e.sourceMap)&&"u">typeof btoa&&(l+="\n/*# sourceMappingURL=data:application/json;base64,".concat(btoa(unescape(encodeURIComponent(JSON.stringify(t))))," */")),o.styleTagTransform(l,r,o.options)},remove:function(){var o;null===(o=r).parentNode||o.parentNode.removeChild(o)}}}},113(o){o.exports=function(o,r){if(r.styleSheet)r.styleSheet.cssText=o;else{for(;r.firstChild;)r.removeChild(r.firstChild);r.appendChild(document.createTextNode(o))}}},579(o,r,e){var l=e(72),a=e.n(l),t=e(825),p=e.n(t),n=e(659),s=e.n(n),i=e(56),c=e.n(i),d=e(540),m=e.n(d),f=e(113),u=e.n(f),v=e(475),b={};b.styleTagTransform=u(),b.setAttributes=c(),b.insert=s().bind(null,"head"),b.domAPI=p(),b.insertStyleElement=m(),a()(v.A,b),v.A&&v.A.locals&&v.A.locals}}]);