"use strict";(self.rspackChunkmlops_nb_lab=self.rspackChunkmlops_nb_lab||[]).push([[232],{475(o,l,p){var e=p(601),r=p.n(e),a=p(314),n=(p.n(a))()(r());n.push([o.id,`/* The mlops_nb sidebar: JupyterLab's own variables only, so it follows the light and dark themes. Every rule is under
   .mlops-panel: the notebook outputs of mlops_nb.display use some of the same class names (mlops-run, mlops-compare...). */

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

.mlops-panel .mlops-project {
  display: flex;
  align-items: baseline;
  gap: 6px;
  padding: 8px 10px 4px;
  font-size: var(--jp-ui-font-size2);
}

.mlops-panel .mlops-project-name {
  flex: 0 1 auto;
  font-weight: 600;
  min-width: 0;
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
}

.mlops-panel .mlops-tabs {
  display: flex;
  border-bottom: var(--jp-border-width) solid var(--jp-border-color2);
  padding: 0 6px;
}

.mlops-panel .mlops-tab {
  background: none;
  border: none;
  border-bottom: 2px solid transparent;
  color: var(--jp-ui-font-color2);
  cursor: pointer;
  font: inherit;
  padding: 6px 10px;
}

.mlops-panel .mlops-tab:hover {
  color: var(--jp-ui-font-color0);
}

.mlops-panel .mlops-tab.mlops-active {
  border-bottom-color: var(--jp-brand-color1);
  color: var(--jp-ui-font-color0);
  font-weight: 600;
}

.mlops-panel .mlops-section {
  padding: 6px 8px 12px;
}

.mlops-panel .mlops-view {
  display: flex;
  flex-direction: column;
  gap: 4px;
}

.mlops-panel .mlops-line {
  display: flex;
  align-items: center;
  flex-wrap: wrap;
  gap: 6px;
  min-width: 0;
}

.mlops-panel .mlops-nowrap {
  flex-wrap: nowrap;
}

/* A run's name and its sparkline: the sparkline gives way (down to 24px) before the name is cut. */
.mlops-panel .mlops-namebox {
  align-items: center;
  display: flex;
  flex: 1 1 auto;
  gap: 6px;
  min-width: 0;
}

.mlops-panel .mlops-namebox > .mlops-name {
  flex: 0 0 auto;
  max-width: calc(100% - 30px);
}

.mlops-panel .mlops-namebox > .mlops-name:only-child {
  max-width: 100%;
}

.mlops-panel .mlops-project .mlops-link {
  white-space: nowrap;
}

.mlops-panel .mlops-spacer {
  flex: 1 1 auto;
}

.mlops-panel .mlops-dim {
  color: var(--jp-ui-font-color2);
  font-size: var(--jp-ui-font-size0);
}

.mlops-panel .mlops-name {
  font-weight: 600;
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
  max-width: 100%;
}

.mlops-panel .mlops-key,
.mlops-panel .mlops-path,
.mlops-panel .mlops-line code {
  font-family: var(--jp-code-font-family);
  font-size: var(--jp-code-font-size);
}

.mlops-panel .mlops-line code {
  background: var(--jp-layout-color2);
  border-radius: 2px;
  padding: 0 3px;
}

.mlops-panel .mlops-filters {
  display: flex;
  flex-wrap: wrap;
  gap: 4px;
  margin-bottom: 4px;
}

.mlops-panel .mlops-select,
.mlops-panel .mlops-search {
  background: var(--jp-input-background, var(--jp-layout-color1));
  border: var(--jp-border-width) solid var(--jp-border-color1);
  border-radius: 2px;
  color: var(--jp-ui-font-color1);
  font: inherit;
  min-width: 0;
  padding: 2px 4px;
}

.mlops-panel .mlops-search {
  flex: 1 1 100px;
}

.mlops-panel .mlops-select:focus,
.mlops-panel .mlops-search:focus {
  border-color: var(--jp-brand-color1);
  outline: none;
}

.mlops-panel .mlops-rows {
  display: flex;
  flex-direction: column;
}

.mlops-panel .mlops-row {
  border-bottom: var(--jp-border-width) solid var(--jp-border-color2);
  display: flex;
  flex-direction: column;
  gap: 2px;
  padding: 5px 2px;
}

.mlops-panel .mlops-run {
  cursor: pointer;
}

.mlops-panel .mlops-run:hover,
.mlops-panel .mlops-run:focus-visible {
  background: var(--jp-layout-color2);
  outline: none;
}

.mlops-panel .mlops-pick {
  margin: 0;
}

.mlops-panel .mlops-metric {
  color: var(--jp-ui-font-color1);
  font-family: var(--jp-code-font-family);
  font-size: var(--jp-code-font-size);
  white-space: nowrap;
}

.mlops-panel .mlops-spark {
  flex: 0 1 auto;
  margin-left: auto;
  min-width: 24px;
}

.mlops-panel .mlops-spark polyline {
  stroke: var(--jp-brand-color1);
  stroke-width: 1.2;
  vector-effect: non-scaling-stroke;
}

.mlops-panel .mlops-badge {
  border-radius: 8px;
  color: var(--jp-ui-inverse-font-color1);
  font-size: var(--jp-ui-font-size0);
  line-height: 1.5;
  padding: 0 6px;
  white-space: nowrap;
  background: var(--jp-layout-color3);
}

.mlops-panel .mlops-status-running,
.mlops-panel .mlops-status-scheduled {
  background: var(--jp-brand-color1);
}

.mlops-panel .mlops-status-finished,
.mlops-panel .mlops-status-succeeded {
  background: var(--jp-success-color1);
}

.mlops-panel .mlops-status-failed,
.mlops-panel .mlops-status-timeout,
.mlops-panel .mlops-job-badge.mlops-status-killed {
  background: var(--jp-error-color1);
}

.mlops-panel .mlops-run-badge.mlops-status-killed {
  background: var(--jp-warn-color1);
}

.mlops-panel .mlops-paused {
  background: var(--jp-warn-color2);
  color: var(--jp-ui-font-color0);
}

.mlops-panel .mlops-undelivered {
  color: var(--jp-warn-color0);
  font-size: var(--jp-ui-font-size0);
}

.mlops-panel .mlops-error {
  background: var(--jp-error-color3);
  border-left: 3px solid var(--jp-error-color1);
  color: var(--jp-ui-font-color0);
  margin: 4px 0;
  padding: 4px 6px;
}

.mlops-panel .mlops-error-text {
  color: var(--jp-error-color1);
  font-size: var(--jp-ui-font-size0);
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
}

.mlops-panel .mlops-warning {
  background: var(--jp-warn-color3);
  border-left: 3px solid var(--jp-warn-color1);
  color: var(--jp-ui-font-color0);
  margin: 4px 0;
  padding: 4px 6px;
}

.mlops-panel .mlops-empty {
  color: var(--jp-ui-font-color2);
  font-style: italic;
  padding: 6px 2px;
}

.mlops-panel .mlops-footer {
  align-items: center;
  display: flex;
  gap: 6px;
  padding-top: 6px;
}

.mlops-panel .mlops-button {
  font-size: var(--jp-ui-font-size1);
  line-height: 1.6;
  padding: 0 8px;
  min-height: 22px;
}

.mlops-panel .mlops-button:disabled {
  cursor: default;
  opacity: 0.5;
}

.mlops-panel .mlops-link {
  background: none;
  border: none;
  color: var(--jp-content-link-color, var(--jp-brand-color1));
  cursor: pointer;
  font: inherit;
  padding: 0;
  text-decoration: none;
}

.mlops-panel .mlops-link:hover {
  text-decoration: underline;
}

.mlops-panel .mlops-toggle {
  background: none;
  border: none;
  color: var(--jp-ui-font-color2);
  cursor: pointer;
  padding: 0 2px;
}

.mlops-panel .mlops-head {
  display: flex;
  flex-direction: column;
  gap: 4px;
  padding-bottom: 6px;
}

.mlops-panel .mlops-block {
  margin-top: 8px;
}

.mlops-panel .mlops-block h3 {
  border-bottom: var(--jp-border-width) solid var(--jp-border-color2);
  color: var(--jp-ui-font-color1);
  font-size: var(--jp-ui-font-size1);
  font-weight: 600;
  margin: 0 0 4px;
  padding-bottom: 2px;
  text-transform: uppercase;
  letter-spacing: 0.03em;
}

.mlops-panel .mlops-kv,
.mlops-panel .mlops-compare {
  border-collapse: collapse;
  width: 100%;
}

.mlops-panel .mlops-kv th,
.mlops-panel .mlops-kv td,
.mlops-panel .mlops-compare th,
.mlops-panel .mlops-compare td {
  border-bottom: var(--jp-border-width) solid var(--jp-border-color3);
  font-family: var(--jp-code-font-family);
  font-size: var(--jp-code-font-size);
  font-weight: normal;
  padding: 2px 4px;
  text-align: left;
  vertical-align: top;
  word-break: break-word;
}

.mlops-panel .mlops-kv {
  table-layout: fixed;
}

.mlops-panel .mlops-kv th {
  color: var(--jp-ui-font-color2);
  max-width: 130px;
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
  width: 40%;
}

.mlops-panel .mlops-compare td {
  white-space: nowrap;
}

.mlops-panel .mlops-compare thead th {
  font-family: var(--jp-ui-font-family);
  font-weight: 600;
}

.mlops-panel .mlops-compare tr.mlops-differs th {
  color: var(--jp-warn-color0);
}

.mlops-panel .mlops-compare tr.mlops-differs {
  background: var(--jp-layout-color2);
}

.mlops-panel .mlops-compare td.mlops-best {
  color: var(--jp-success-color0);
  font-weight: 600;
}

.mlops-panel .mlops-scroll {
  overflow-x: auto;
}

.mlops-panel .mlops-fold > summary {
  color: var(--jp-ui-font-color2);
  cursor: pointer;
  padding: 2px 0;
}

.mlops-panel .mlops-metric-block {
  padding: 3px 0;
}

.mlops-panel .mlops-figure {
  margin: 2px 0 6px;
}

.mlops-panel .mlops-figure figcaption {
  color: var(--jp-ui-font-color2);
  font-size: var(--jp-ui-font-size0);
}

.mlops-panel .mlops-curve {
  display: block;
  height: 80px;
  width: 100%;
}

.mlops-panel .mlops-curve polyline {
  stroke-width: 1.5;
  vector-effect: non-scaling-stroke;
}

.mlops-panel .mlops-curve-frame {
  fill: none;
  stroke: var(--jp-border-color2);
  vector-effect: non-scaling-stroke;
}

.mlops-panel .mlops-legend {
  display: flex;
  flex-wrap: wrap;
  gap: 2px 10px;
  font-size: var(--jp-ui-font-size0);
}

.mlops-panel .mlops-legend-item {
  align-items: center;
  display: inline-flex;
  gap: 4px;
}

.mlops-panel .mlops-swatch {
  display: inline-block;
  height: 3px;
  width: 12px;
}

/* The curves' palette: JupyterLab's collaborator colors, which both themes define. */
.mlops-panel .mlops-c0 { stroke: var(--jp-brand-color1); fill: var(--jp-brand-color1); }
.mlops-panel .mlops-c1 { stroke: var(--jp-collaborator-color1); fill: var(--jp-collaborator-color1); }
.mlops-panel .mlops-c2 { stroke: var(--jp-collaborator-color3); fill: var(--jp-collaborator-color3); }
.mlops-panel .mlops-c3 { stroke: var(--jp-collaborator-color5); fill: var(--jp-collaborator-color5); }
.mlops-panel .mlops-c4 { stroke: var(--jp-collaborator-color2); fill: var(--jp-collaborator-color2); }
.mlops-panel .mlops-c5 { stroke: var(--jp-collaborator-color6); fill: var(--jp-collaborator-color6); }
.mlops-panel .mlops-c6 { stroke: var(--jp-collaborator-color7); fill: var(--jp-collaborator-color7); }

.mlops-panel polyline.mlops-c0,
.mlops-panel polyline.mlops-c1,
.mlops-panel polyline.mlops-c2,
.mlops-panel polyline.mlops-c3,
.mlops-panel polyline.mlops-c4,
.mlops-panel polyline.mlops-c5,
.mlops-panel polyline.mlops-c6 {
  fill: none;
}

.mlops-panel .mlops-swatch.mlops-c0 { background: var(--jp-brand-color1); }
.mlops-panel .mlops-swatch.mlops-c1 { background: var(--jp-collaborator-color1); }
.mlops-panel .mlops-swatch.mlops-c2 { background: var(--jp-collaborator-color3); }
.mlops-panel .mlops-swatch.mlops-c3 { background: var(--jp-collaborator-color5); }
.mlops-panel .mlops-swatch.mlops-c4 { background: var(--jp-collaborator-color2); }
.mlops-panel .mlops-swatch.mlops-c5 { background: var(--jp-collaborator-color6); }
.mlops-panel .mlops-swatch.mlops-c6 { background: var(--jp-collaborator-color7); }

.mlops-panel .mlops-files {
  list-style: none;
  margin: 0;
  padding: 0;
}

.mlops-panel .mlops-files li {
  display: flex;
  gap: 8px;
  justify-content: space-between;
  padding: 1px 0;
}

.mlops-panel .mlops-history {
  border-left: 2px solid var(--jp-border-color2);
  margin: 4px 0 0 6px;
  padding-left: 6px;
}

.mlops-panel .mlops-jobrun {
  border-bottom-style: dotted;
}

/* The Models section: a model a row (its champion and that version's gate), a version a row, the forms that move aliases. */
.mlops-panel .mlops-model {
  cursor: pointer;
}

.mlops-panel .mlops-model:hover,
.mlops-panel .mlops-model:focus-visible {
  background: var(--jp-layout-color2);
}

.mlops-panel .mlops-champion {
  font-weight: 600;
}

.mlops-panel .mlops-status-passed {
  background: var(--jp-success-color1);
}

.mlops-panel .mlops-status-unvalidated {
  background: var(--jp-layout-color3);
  color: var(--jp-ui-font-color1);
}

.mlops-panel .mlops-alias {
  align-items: center;
  border: var(--jp-border-width) solid var(--jp-border-color1);
  border-radius: 8px;
  color: var(--jp-ui-font-color1);
  display: inline-flex;
  font-size: var(--jp-ui-font-size0);
  gap: 4px;
  padding: 0 6px;
}

.mlops-panel .mlops-kind-promote {
  background: var(--jp-brand-color1);
}

.mlops-panel .mlops-kind-forced {
  background: var(--jp-warn-color1);
}

.mlops-panel .mlops-kind-rollback {
  background: var(--jp-layout-color4);
}

.mlops-panel .mlops-lineage {
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
  display: block;
}

.mlops-panel .mlops-reason {
  font-style: italic;
}

.mlops-panel .mlops-form {
  background: var(--jp-layout-color2);
  border-left: 3px solid var(--jp-brand-color1);
  display: flex;
  flex-direction: column;
  gap: 4px;
  margin-top: 4px;
  padding: 6px 8px;
}

.mlops-panel .mlops-form .mlops-search {
  flex: 1 1 auto;
}

.mlops-panel .mlops-form label {
  cursor: pointer;
}
`,""]),p.d(l,{},{A:n})},314(o){o.exports=function(o){var l=[];return l.toString=function(){return this.map(function(l){var p="",e=void 0!==l[5];return l[4]&&(p+="@supports (".concat(l[4],") {")),l[2]&&(p+="@media ".concat(l[2]," {")),e&&(p+="@layer".concat(l[5].length>0?" ".concat(l[5]):""," {")),p+=o(l),e&&(p+="}"),l[2]&&(p+="}"),l[4]&&(p+="}"),p}).join("")},l.i=function(o,p,e,r,a){"string"==typeof o&&(o=[[null,o,void 0]]);var n={};if(e)for(var s=0;s<this.length;s++){var t=this[s][0];null!=t&&(n[t]=!0)}for(var i=0;i<o.length;i++){var c=[].concat(o[i]);e&&n[c[0]]||(void 0!==a&&(void 0===c[5]||(c[1]="@layer".concat(c[5].length>0?" ".concat(c[5]):""," {").concat(c[1],"}")),c[5]=a),p&&(c[2]&&(c[1]="@media ".concat(c[2]," {").concat(c[1],"}")),c[2]=p),r&&(c[4]?(c[1]="@supports (".concat(c[4],") {").concat(c[1],"}"),c[4]=r):c[4]="".concat(r)),l.push(c))}},l}},601(o){o.exports=function(o){return o[1]}},72(o){var l=[];function p(o){for(var p=-1,e=0;e<l.length;e++)if(l[e].identifier===o){p=e;break}return p}function e(o,e){for(var r={},a=[],n=0;n<o.length;n++){var s=o[n],t=e.base?s[0]+e.base:s[0],i=r[t]||0,c="".concat(t," ").concat(i);r[t]=i+1;var m=p(c),d={css:s[1],media:s[2],sourceMap:s[3],supports:s[4],layer:s[5]};if(-1!==m)l[m].references++,l[m].updater(d);else{var u=function(o,l){var p=l.domAPI(l);return p.update(o),function(l){l?(l.css!==o.css||l.media!==o.media||l.sourceMap!==o.sourceMap||l.supports!==o.supports||l.layer!==o.layer)&&p.update(o=l):p.remove()}}(d,e);e.byIndex=n,l.splice(n,0,{identifier:c,updater:u,references:1})}a.push(c)}return a}o.exports=function(o,r){var a=e(o=o||[],r=r||{});return function(o){o=o||[];for(var n=0;n<a.length;n++){var s=p(a[n]);l[s].references--}for(var t=e(o,r),i=0;i<a.length;i++){var c=p(a[i]);0===l[c].references&&(l[c].updater(),l.splice(c,1))}a=t}}},659(o){var l={};o.exports=function(o,p){var e=function(o){if(void 0===l[o]){var p=document.querySelector(o);if(window.HTMLIFrameElement&&p instanceof window.HTMLIFrameElement)try{p=p.contentDocument.head}catch(o){p=null}l[o]=p}return l[o]}(o);if(!e)throw Error("Couldn't find a style target. This probably means that the value for the 'insert' parameter is invalid.");e.appendChild(p)}},540(o){o.exports=function(o){var l=document.createElement("style");return o.setAttributes(l,o.attributes),o.insert(l,o.options),l}},56(o,l,p){o.exports=function(o){var l=p.nc;l&&o.setAttribute("nonce",l)}},825(o){o.exports=function(o){if("u"<typeof document)return{update:function(){},remove:function(){}};var l=o.insertStyleElement(o);return{update:function(p){var e,r,a;e="",p.supports&&(e+="@supports (".concat(p.supports,") {")),p.media&&(e+="@media ".concat(p.media," {")),(r=void 0!==p.layer)&&(e+="@layer".concat(p.layer.length>0?" ".concat(p.layer):""," {")),e+=p.css,r&&(e+="}"),p.media&&(e+="}"),p.supports&&(e+="}"),(a=p.sourceMap)&&"u">typeof btoa&&(e+="\n/*# sourceMappingURL=data:application/json;base64,".concat(btoa(unescape(encodeURIComponent(JSON.stringify(a))))," */")),o.styleTagTransform(e,l,o.options)},remove:function(){var o;null===(o=l).parentNode||o.parentNode.removeChild(o)}}}},113(o){o.exports=function(o,l){if(l.styleSheet)l.styleSheet.cssText=o;else{for(;l.firstChild;)l.removeChild(l.firstChild);l.appendChild(document.createTextNode(o))}}},579(o,l,p){var e=p(72),r=p.n(e),a=p(825),n=p.n(a),s=p(659),t=p.n(s),i=p(56),c=p.n(i),m=p(540),d=p.n(m),u=p(113),f=p.n(u),v=p(475),b={};b.styleTagTransform=f(),b.setAttributes=c(),b.insert=t().bind(null,"head"),b.domAPI=n(),b.insertStyleElement=d(),r()(v.A,b),v.A&&v.A.locals&&v.A.locals}}]);